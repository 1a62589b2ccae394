/// A usermode helper the kernel called, or whose exec the guard refused.
public struct UsermodeHelperEvent: Sendable, Equatable {
    public enum Stage: UInt32, Sendable, Codable {
        /// The kernel is about to run the helper (call_usermodehelper_exec).
        case call = 1
        /// The helper's exec was refused: it never ran.
        case execRefused = 2

        public var name: String { self == .call ? "call" : "exec-refused" }
    }

    public enum Verdict: UInt32, Sendable, Codable {
        case allowed = 0
        case notAllowlisted = 1
        case allBlocked = 2
        case variableTampered = 3

        public var name: String {
            switch self {
            case .allowed: "allowed"
            case .notAllowlisted: "not-allowlisted"
            case .allBlocked: "all-blocked"
            case .variableTampered: "variable-tampered"
            }
        }
    }

    /// The variable the helper's path came from.
    public enum Variable: UInt32, Sendable, Codable {
        case modprobePath = 1
        case corePattern = 2

        public var name: String { self == .modprobePath ? "modprobe_path" : "core_pattern" }
    }

    public var stage: Stage
    public var verdict: Verdict
    public var response: GuardResponse
    /// The task that caused the call (`call`) or the helper's own task (`execRefused`).
    public var pid: UInt32
    public var uid: UInt32
    public var comm: String
    public var path: String
    public var argv: [String]
    public var envp: [String]
    /// argv or envp had more than the event carries.
    public var truncated: Bool
    public var wait: Int32
    public var variable: Variable?
    /// The variable's value when the helper was called.
    public var variableAtUse: String?
    /// The value last written through /proc/sys (or found at start).
    public var variableExpected: String?
    public var bootNanoseconds: UInt64

    public init(
        stage: Stage, verdict: Verdict, response: GuardResponse, pid: UInt32, uid: UInt32, comm: String, path: String,
        argv: [String] = [], envp: [String] = [], truncated: Bool = false, wait: Int32 = 0, variable: Variable? = nil,
        variableAtUse: String? = nil, variableExpected: String? = nil, bootNanoseconds: UInt64 = 0
    ) {
        self.stage = stage
        self.verdict = verdict
        self.response = response
        self.pid = pid
        self.uid = uid
        self.comm = comm
        self.path = path
        self.argv = argv
        self.envp = envp
        self.truncated = truncated
        self.wait = wait
        self.variable = variable
        self.variableAtUse = variableAtUse
        self.variableExpected = variableExpected
        self.bootNanoseconds = bootNanoseconds
    }

    public var isAlert: Bool { verdict != .allowed }

    /// Why the helper may not run, in words.
    public var reason: String {
        switch verdict {
        case .allowed:
            if let variable { return "runs from \(variable.name) as written through /proc/sys" }
            return "on the allowlist"
        case .notAllowlisted:
            return "not on the allowlist"
        case .allBlocked:
            return "umh_validate=2 blocks every usermode helper"
        case .variableTampered:
            let name = variable?.name ?? "its variable"
            return "\(name) holds '\(variableAtUse ?? "")' but was last written through /proc/sys as '\(variableExpected ?? "")'"
        }
    }

    /// A one-line alert in LKRG's style.
    public var summary: String {
        switch (stage, verdict) {
        case (.call, .allowed):
            "NOTICE: UMH: \(comm)[\(pid)] made the kernel run \(path) (\(reason))"
        case (.call, _):
            "DETECT: UMH: \(comm)[\(pid)] made the kernel run \(path): \(reason); response: \(response.name)"
        case (.execRefused, _):
            "BLOCK: UMH: exec of \(path) refused in helper task \(pid): \(reason)"
        }
    }
}

/// What the guard did about a helper or a module load.
public enum GuardResponse: UInt32, Sendable, Codable {
    case none = 0
    case logged = 1
    /// Refused with -EPERM.
    case prevented = 2
    /// Refused, and the kernel is panicked.
    case panic = 3

    public var name: String {
        switch self {
        case .none: "none"
        case .logged: "logged"
        case .prevented: "prevented"
        case .panic: "panic"
        }
    }
}
