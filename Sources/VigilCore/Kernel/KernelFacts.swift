/// Everything `vigil check` observed about the running kernel's facilities.
public struct KernelFacts: Sendable, Codable, Equatable {
    public var release: Observation<KernelRelease>
    /// The machine architecture reported by `uname`, for example `x86_64`.
    public var architecture: String
    public var kallsyms: Observation<KallsymsFacts>
    public var kcore: Observation<KcoreFacts>
    public var btf: Observation<BTFFacts>
    public var bpf: Observation<BPFSyscallFacts>
    public var securityModules: Observation<[String]>
    public var lockdown: Observation<LockdownMode>
    public var modules: Observation<ModuleFacts>
    public var tracefs: Observation<TracefsFacts>
    public var config: Observation<KernelConfigFacts>
    /// Filled by the BPF layer, which can read BTF; absent when not looked at.
    public var sensorFunctions: Observation<SensorFunctionFacts>?
    /// The functions the usermode-helper and module guard attaches to (filled by the BPF layer).
    public var guardFunctions: Observation<SensorFunctionFacts>?

    public init(
        release: Observation<KernelRelease>, architecture: String, kallsyms: Observation<KallsymsFacts>,
        kcore: Observation<KcoreFacts>, btf: Observation<BTFFacts>, bpf: Observation<BPFSyscallFacts>,
        securityModules: Observation<[String]>, lockdown: Observation<LockdownMode>,
        modules: Observation<ModuleFacts>, tracefs: Observation<TracefsFacts>, config: Observation<KernelConfigFacts>,
        sensorFunctions: Observation<SensorFunctionFacts>? = nil
    ) {
        self.sensorFunctions = sensorFunctions
        self.release = release
        self.architecture = architecture
        self.kallsyms = kallsyms
        self.kcore = kcore
        self.btf = btf
        self.bpf = bpf
        self.securityModules = securityModules
        self.lockdown = lockdown
        self.modules = modules
        self.tracefs = tracefs
        self.config = config
    }
}

public struct KallsymsFacts: Sendable, Codable, Equatable {
    /// Whether symbol addresses are real (non-zero) for this reader.
    public var addressesVisible: Bool
    /// `kernel.kptr_restrict` (0, 1 or 2), when readable.
    public var kptrRestrict: Int?
    /// How many symbols were read before deciding.
    public var symbolsRead: Int

    public init(addressesVisible: Bool, kptrRestrict: Int?, symbolsRead: Int) {
        self.addressesVisible = addressesVisible
        self.kptrRestrict = kptrRestrict
        self.symbolsRead = symbolsRead
    }
}

public struct KcoreFacts: Sendable, Codable, Equatable {
    public var loadSegments: Int
    public var machine: UInt16

    public init(loadSegments: Int, machine: UInt16) {
        self.loadSegments = loadSegments
        self.machine = machine
    }
}

public struct BTFFacts: Sendable, Codable, Equatable {
    public var sizeBytes: Int
    public var typeSectionBytes: UInt32
    public var stringSectionBytes: UInt32

    public init(sizeBytes: Int, typeSectionBytes: UInt32, stringSectionBytes: UInt32) {
        self.sizeBytes = sizeBytes
        self.typeSectionBytes = typeSectionBytes
        self.stringSectionBytes = stringSectionBytes
    }
}

public struct BPFSyscallFacts: Sendable, Codable, Equatable {
    /// `kernel.unprivileged_bpf_disabled`: 0 allowed, 1 disabled for good, 2 disabled (admin may re-enable).
    public var unprivilegedBPFDisabled: Int

    public init(unprivilegedBPFDisabled: Int) {
        self.unprivilegedBPFDisabled = unprivilegedBPFDisabled
    }
}

public struct ModuleFacts: Sendable, Codable, Equatable {
    public var loaded: [String]
    /// `kernel.modules_disabled`: once 1, no module can load until reboot.
    public var modulesDisabled: Bool?

    public init(loaded: [String], modulesDisabled: Bool?) {
        self.loaded = loaded
        self.modulesDisabled = modulesDisabled
    }
}

public struct TracefsFacts: Sendable, Codable, Equatable {
    /// Where tracefs is mounted, as seen from the system root.
    public var mountPoint: String

    public init(mountPoint: String) {
        self.mountPoint = mountPoint
    }
}

public struct KernelConfigFacts: Sendable, Codable, Equatable {
    /// The options Vigil's sensors depend on, with their values (`y`, `m`, `n`, …).
    public var options: [String: String]

    public static let relevantOptions = [
        "CONFIG_BPF_SYSCALL", "CONFIG_BPF_LSM", "CONFIG_DEBUG_INFO_BTF", "CONFIG_BPF_JIT",
        "CONFIG_KPROBES", "CONFIG_FTRACE", "CONFIG_FUNCTION_TRACER", "CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS",
        "CONFIG_SECURITY_LOCKDOWN_LSM", "CONFIG_MODULES", "CONFIG_MODULE_SIG_FORCE", "CONFIG_PROC_KCORE",
        "CONFIG_KALLSYMS_ALL", "CONFIG_LSM",
    ]

    public init(options: [String: String]) {
        self.options = options
    }

    public init(config: KernelConfig) {
        var selected: [String: String] = [:]
        for name in Self.relevantOptions {
            selected[name] = config[name] ?? "n"
        }
        self.options = selected
    }

    public func isEnabled(_ name: String) -> Bool {
        options[name] == "y" || options[name] == "m"
    }
}

/// Which kernel functions the process-integrity sensor attaches to exist in
/// the kernel's BTF (so fentry/fexit can reach them).
public struct SensorFunctionFacts: Sendable, Codable, Equatable {
    /// Functions the sensor cannot work without, and whether each is present.
    public var required: [String: Bool]
    /// Functions whose absence only narrows coverage, and whether each is present.
    public var optional: [String: Bool]

    public init(required: [String: Bool], optional: [String: Bool]) {
        self.required = required
        self.optional = optional
    }
}
