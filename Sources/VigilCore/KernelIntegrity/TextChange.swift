/// One contiguous difference between a region's baseline and its current bytes.
public struct TextChange: Sendable, Equatable {
    public enum Verdict: Sendable, Equatable {
        /// Every changed byte lies in a patch site (or under a registered kprobe) holding a legitimate state.
        case legitimate(states: [String])
        /// A patch site is half-way through the kernel's int3 patching: look again.
        case inTransition
        case tampered(reason: String)
    }

    public var address: UInt64
    public var expected: [UInt8]
    public var actual: [UInt8]
    public var verdict: Verdict

    public var isTampered: Bool {
        if case .tampered = verdict { return true }
        return false
    }
}
