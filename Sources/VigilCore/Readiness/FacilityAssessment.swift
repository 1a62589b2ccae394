/// The verdict on one kernel facility Vigil depends on.
public struct FacilityAssessment: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, Comparable {
        case available
        case degraded
        case unavailable

        public static func < (lhs: Status, rhs: Status) -> Bool {
            lhs.rank < rhs.rank
        }

        private var rank: Int {
            switch self {
            case .available: 0
            case .degraded: 1
            case .unavailable: 2
            }
        }
    }

    /// A stable identifier, for example `btf` or `bpf-lsm`.
    public var facility: String
    /// A short human title, for example `BTF type information`.
    public var title: String
    public var status: Status
    /// What was found: `"/sys/kernel/btf/vmlinux, 5.2 MiB"`.
    public var detail: String
    /// What Vigil cannot do because of it; empty when available.
    public var disables: [GuardFeature]
    /// What an administrator can do about it, when anything.
    public var remedy: String?

    public init(facility: String, title: String, status: Status, detail: String, disables: [GuardFeature] = [], remedy: String? = nil) {
        self.facility = facility
        self.title = title
        self.status = status
        self.detail = detail
        self.disables = disables
        self.remedy = remedy
    }
}

/// The protections Vigil offers, as named in reports.
public enum GuardFeature: String, Sendable, Codable, CaseIterable {
    case kernelIntegrity = "kernel-integrity"
    case symbolResolution = "symbol-resolution"
    case exploitDetection = "exploit-detection"
    case blocking = "blocking"
    case usermodeHelperGuard = "usermode-helper-guard"
    case moduleGuard = "module-guard"
    case hookInventory = "hook-inventory"

    /// A phrase for human output.
    public var phrase: String {
        switch self {
        case .kernelIntegrity: "kernel code and data integrity checks"
        case .symbolResolution: "resolving kernel symbols (needed by every integrity check)"
        case .exploitDetection: "exploit detection (per-task credential integrity)"
        case .blocking: "blocking forged privileges before use (detection can still kill)"
        case .usermodeHelperGuard: "the usermode-helper guard"
        case .moduleGuard: "module-load policy and hidden-module detection"
        case .hookInventory: "the ftrace and kprobe hook inventory"
        }
    }
}
