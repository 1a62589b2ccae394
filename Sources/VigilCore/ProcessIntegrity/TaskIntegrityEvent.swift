/// A violation of process integrity reported by the BPF sensors.
public struct TaskIntegrityEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// The task's state differs from its shadow: it changed without a legitimate transition.
        case stateMismatch = "state-mismatch"
        /// Credentials or namespaces were committed from a context no legitimate path uses.
        case illegalTransition = "illegal-transition"
    }

    public enum Response: String, Sendable, Codable {
        /// Reported only; the new state became the shadow (pint_enforce=0).
        case logged
        /// The operation was refused (-EPERM) and the process killed.
        case blocked
        /// The process was killed; the hook could not refuse the operation itself.
        case killed
    }

    public struct ProcessReference: Sendable, Equatable, Codable {
        public var pid: UInt32
        public var tid: UInt32
        public var comm: String

        public init(pid: UInt32, tid: UInt32, comm: String) {
            self.pid = pid
            self.tid = tid
            self.comm = comm
        }
    }

    public struct FieldChange: Sendable, Equatable, Codable {
        public var field: String
        public var expected: String
        public var actual: String
    }

    public var kind: Kind
    /// Nanoseconds since boot (CLOCK_BOOTTIME) when the sensor caught it.
    public var bootNanoseconds: UInt64
    public var process: ProcessReference
    /// The executable's file name (`mm->exe_file`), empty for tasks without one.
    public var executable: String
    /// Parent, grandparent, …, up to four levels or init.
    public var parents: [ProcessReference]
    public var hook: SensorHook
    /// True when the fentry fallback caught it (no BPF LSM): the process was killed, the operation not refused.
    public var caughtByFallback: Bool
    /// The system call in progress, when there is one.
    public var syscall: SystemCall?
    public var fields: [SecurityField]
    public var expected: TaskSecurityState
    public var actual: TaskSecurityState
    public var response: Response

    public init(
        kind: Kind, bootNanoseconds: UInt64, process: ProcessReference, executable: String, parents: [ProcessReference],
        hook: SensorHook, syscall: SystemCall?, fields: [SecurityField], expected: TaskSecurityState,
        actual: TaskSecurityState, response: Response, caughtByFallback: Bool = false
    ) {
        self.caughtByFallback = caughtByFallback
        self.kind = kind
        self.bootNanoseconds = bootNanoseconds
        self.process = process
        self.executable = executable
        self.parents = parents
        self.hook = hook
        self.syscall = syscall
        self.fields = fields
        self.expected = expected
        self.actual = actual
        self.response = response
    }

    /// Expected and actual value of every differing field. Kernel pointers are
    /// included only when `includeKernelAddresses` is set (debug level).
    public func changes(includeKernelAddresses: Bool) -> [FieldChange] {
        fields.filter { includeKernelAddresses || !$0.isKernelAddress }.map {
            FieldChange(field: $0.description, expected: expected.value(of: $0), actual: actual.value(of: $0))
        }
    }

    /// Where it was caught, as the attachment point: `lsm/file_open`, or
    /// `fentry/security_file_open` for the fallback.
    public var hookName: String {
        if caughtByFallback, let function = hook.fallbackFunction {
            return "fentry/" + function
        }
        return hook.description
    }

    /// One line in the style of LKRG's alerts, with the evidence after it.
    public var summary: String {
        let what = kind == .illegalTransition ? "illegal credential/namespace transition" : "task security state changed without a legitimate path"
        let names = fields.map(\.description).joined(separator: ",")
        return "DETECT: \(what): pid \(process.pid) (\(process.comm)) fields [\(names)] at \(hookName) -> \(response.rawValue)"
    }
}

/// A system call number with the ABI it belongs to.
public struct SystemCall: Sendable, Equatable, Codable, CustomStringConvertible {
    public var number: Int64
    /// True for an ia32 (compat) system call on x86-64.
    public var compat: Bool

    public init(number: Int64, compat: Bool) {
        self.number = number
        self.compat = compat
    }

    public var name: String? { compat ? nil : X86SystemCallNames.name(of: number) }

    public var description: String {
        if let name { return "\(name)(\(number))" }
        return compat ? "ia32 syscall \(number)" : "syscall \(number)"
    }
}
