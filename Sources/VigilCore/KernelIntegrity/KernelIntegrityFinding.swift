/// One kernel-integrity event: an alert (`tampered`) or a change Vigil saw and
/// accounted for, with the evidence an operator needs.
public struct KernelIntegrityFinding: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Changed without a legitimate kernel path: an alert.
        case tampered
        /// Changed through a legitimate interface (a sysctl write, say): tracked, not trusted blindly.
        case legitimateChange = "legitimate-change"
        /// A hook (ftrace, kprobe, BPF) appeared whose owner is accounted for.
        case hookAdded = "hook-added"
        case hookRemoved = "hook-removed"
        case moduleLoaded = "module-loaded"
        case moduleUnloaded = "module-unloaded"
    }

    public var kind: Kind
    public var check: KernelCheck
    public var trigger: KernelCheckTrigger
    /// What was looked at: `core text`, `rodata (exception table)`, `module vigil_benign text`, …
    public var region: String
    /// Where, as symbol+offset (with ` [module]` for module symbols), or the variable's name.
    public var symbol: String
    /// The module that owns the place, or the hook's owner.
    public var module: String?
    /// The kernel address, shown only at debug level.
    public var address: UInt64?
    /// Expected and actual contents: hex bytes, or text for string variables.
    public var expected: String?
    public var actual: String?
    /// Anything else that explains the finding.
    public var detail: String?

    public init(
        kind: Kind, check: KernelCheck, trigger: KernelCheckTrigger, region: String, symbol: String,
        module: String? = nil, address: UInt64? = nil, expected: String? = nil, actual: String? = nil, detail: String? = nil
    ) {
        self.kind = kind
        self.check = check
        self.trigger = trigger
        self.region = region
        self.symbol = symbol
        self.module = module
        self.address = address
        self.expected = expected
        self.actual = actual
        self.detail = detail
    }

    public var isAlert: Bool { kind == .tampered }

    /// A one-line alert in LKRG's style.
    public var summary: String {
        switch kind {
        case .tampered:
            "DETECT: Kernel: \(check.rawValue): \(region) changed unexpectedly at \(symbol)" + (detail.map { " (\($0))" } ?? "")
        case .legitimateChange:
            "NOTICE: Kernel: \(check.rawValue): \(symbol) changed through a legitimate interface" + (detail.map { " (\($0))" } ?? "")
        case .hookAdded:
            "NOTICE: Kernel: \(check.rawValue): hook added at \(symbol)" + (detail.map { " (\($0))" } ?? "")
        case .hookRemoved:
            "NOTICE: Kernel: \(check.rawValue): hook removed at \(symbol)" + (detail.map { " (\($0))" } ?? "")
        case .moduleLoaded:
            "NOTICE: Kernel: module \(symbol) loaded" + (detail.map { " (\($0))" } ?? "")
        case .moduleUnloaded:
            "NOTICE: Kernel: module \(symbol) unloaded" + (detail.map { " (\($0))" } ?? "")
        }
    }

    /// Identifies the same finding across validations, so a persisting change is reported once.
    public var identity: String {
        "\(kind.rawValue)|\(check.rawValue)|\(region)|\(symbol)|\(actual ?? "")"
    }
}
