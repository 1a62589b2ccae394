/// A place in kernel text that the kernel itself rewrites at run time, and what
/// it may legitimately hold there.
public struct PatchSite: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A jump label (static key) of 2 or 5 bytes: a NOP or a jump to `target`.
        case jumpLabel(target: UInt64)
        /// An inline static call site: a call or jump to a function, a NOP, a return,
        /// or a conditional tail call (6 bytes).
        case staticCall
        /// A static call trampoline (`__SCT__…`): a jump to a function or a return.
        case staticCallTrampoline
        /// A function's ftrace call site: a NOP, or a call to ftrace or a trampoline.
        case ftraceEntry
        /// The call inside ftrace's own caller (`ftrace_call`, `ftrace_regs_call`):
        /// a call to any function (the ops' callback or the list function).
        case ftraceCaller
    }

    public var address: UInt64
    public var length: Int
    public var kind: Kind

    public init(address: UInt64, length: Int, kind: Kind) {
        self.address = address
        self.length = length
        self.kind = kind
    }

    public var end: UInt64 { address + UInt64(length) }

    public var label: String {
        switch kind {
        case .jumpLabel: "jump label"
        case .staticCall: "static call site"
        case .staticCallTrampoline: "static call trampoline"
        case .ftraceEntry: "ftrace site"
        case .ftraceCaller: "ftrace caller"
        }
    }
}
