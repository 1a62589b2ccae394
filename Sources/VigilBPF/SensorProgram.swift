/// One BPF program of a sensor, declared as data: its name in the object, how
/// it attaches and what happens when this kernel cannot take it.
public struct SensorProgram: Sendable, Equatable {
    public enum Attachment: Sendable, Equatable {
        /// fentry/fexit/tp_btf: attaches at the function or tracepoint its section names.
        case tracing(function: String)
        /// A BPF LSM hook; needs `bpf` among the active LSMs.
        case lsm(hook: String)
        /// fentry on the security_* function behind an LSM hook, used when the
        /// BPF LSM is not active: it validates like the hook but can only kill.
        case fallback(function: String)
        /// fmod_ret on a security_* function: refuses like an LSM hook where the BPF LSM is not active.
        case modifyReturn(function: String)
        /// A task iterator, run on demand.
        case iterator
    }

    public enum Requirement: Sendable, Equatable {
        /// The sensor cannot work without it.
        case required
        /// Skipped, with this consequence stated, when the kernel lacks the function.
        case optional(consequence: String)
    }

    public var name: String
    public var attachment: Attachment
    public var requirement: Requirement

    public init(_ name: String, _ attachment: Attachment, _ requirement: Requirement = .required) {
        self.name = name
        self.attachment = attachment
        self.requirement = requirement
    }

    /// Whether the program checks tasks against their shadows (the LSM hooks and
    /// their fentry fallbacks): attached last, once every shadow is seeded.
    public var validates: Bool {
        switch attachment {
        case .lsm, .fallback: true
        case .tracing, .iterator, .modifyReturn: false
        }
    }
}
