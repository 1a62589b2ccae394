/// The word a scenario's verdict script prints, or one the guest or harness substitutes.
///
/// Scenario authors use the four expected outcomes (`pass`, `detected`, `blocked`, `silent`)
/// and may print anything else (`fail`, say) to make the run fail with that word in the report.
/// The harness records `panicked` itself when the guest kernel died of the sysrq crash that
/// Vigil's panic response triggers (the guest writes nothing after that).
public struct Verdict: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The behaviour under test worked (smoke tests, functional checks).
    public static let pass = Verdict("pass")
    /// Vigil reported the attack.
    public static let detected = Verdict("detected")
    /// Vigil stopped the attack before it took effect.
    public static let blocked = Verdict("blocked")
    /// Vigil stayed quiet (benign workloads: no false positive).
    public static let silent = Verdict("silent")
    /// The conventional word for "the check did not hold".
    public static let fail = Verdict("fail")
    /// The guest's setup section exited non-zero; action and verdict did not run.
    public static let setupFailed = Verdict("setup-failed")
    /// The verdict script printed nothing.
    public static let inconclusive = Verdict("inconclusive")
    /// The harness got no verdict record from the guest (timeout, panic, crash).
    public static let missing = Verdict("none")
    /// Recorded by the harness, never printed by a guest: the guest kernel panicked with the sysrq
    /// crash (`echo c > /proc/sysrq-trigger`), as Vigil's panic response does.
    public static let panicked = Verdict("panicked")

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
