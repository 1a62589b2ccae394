/// Decides which sweep candidates are real. The sweep reads other tasks while
/// they may be in the middle of a legitimate transition, so a single sighting
/// can be a race; a mismatch seen again by the next sweep, on the same thread,
/// in the same fields and with the same actual state, is not.
public struct SweepConfirmation: Sendable {
    struct Key: Hashable {
        var tid: UInt32
        var fields: [SecurityField]
    }

    private var pending: [Key: TaskSecurityState] = [:]

    public init() {}

    /// Feeds the candidates of one complete sweep; returns those confirmed by
    /// the previous sweep. Candidates not seen again are forgotten.
    public mutating func confirm(_ candidates: [TaskIntegrityEvent]) -> [TaskIntegrityEvent] {
        var next: [Key: TaskSecurityState] = [:]
        var confirmed: [TaskIntegrityEvent] = []
        for event in candidates {
            let key = Key(tid: event.process.tid, fields: event.fields)
            if let previous = pending[key], previous == event.actual {
                confirmed.append(event)
            } else {
                next[key] = event.actual
            }
        }
        pending = next
        return confirmed
    }

    /// Whether a candidate awaits confirmation.
    public var hasPending: Bool { !pending.isEmpty }
}
