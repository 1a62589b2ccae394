import VigilCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The running kernel's state as the kernel-integrity validator reads it:
/// /proc/kcore, /proc/kallsyms, /proc/modules, /sys/module, tracefs and
/// debugfs, below a `SystemRoot`. Never mounts anything.
public final class HostKernelState: KernelStateSource {
    public let root: SystemRoot
    public let memory: any KernelMemorySource
    private let files: KernelFileReader
    private let tracing: TracefsLocator
    private let sysfs: SysfsModuleReader
    /// kallsyms of the largest Debian kernels is ~10 MB.
    static let kallsymsLimit = 64 << 20

    public init(root: SystemRoot, memory: (any KernelMemorySource)? = nil) throws(LinuxError) {
        self.root = root
        if let memory {
            self.memory = memory
        } else {
            self.memory = try KernelMemoryReader(root: root)
        }
        files = KernelFileReader(root: root)
        tracing = TracefsLocator(root: root)
        sysfs = SysfsModuleReader(root: root)
    }

    public func symbols() throws -> KernelSymbols {
        try Self.symbols(root: root)
    }

    /// kallsyms below `root`, before any state (memory reader) exists.
    public static func symbols(root: SystemRoot) throws -> KernelSymbols {
        let files = KernelFileReader(root: root)
        let symbols = try KallsymsParser.parse(bytes: try files.readBytes("/proc/kallsyms", limit: Self.kallsymsLimit))
        guard KallsymsParser.addressesVisible(in: symbols) else {
            throw LinuxError(kind: .permissionDenied, operation: "read", path: "/proc/kallsyms", message: "addresses are hidden (kptr_restrict)")
        }
        return KernelSymbols(symbols)
    }

    public func moduleSymbols() throws -> [KernelSymbol] {
        try KallsymsParser.parse(bytes: try files.readBytes("/proc/kallsyms", limit: Self.kallsymsLimit), modulesOnly: true)
    }

    public func procModules() throws -> Set<String> {
        Set(try ProcModulesParser.parse(try files.readText("/proc/modules", limit: 4 << 20)).map(\.name))
    }

    public func sysfsModules() -> Set<String>? {
        guard let modules = try? sysfs.modules() else { return nil }
        return Set(modules.filter(\.isLoadable).map(\.name))
    }

    public func ftraceHooks() -> [FtraceHookedFunction]? {
        tracing.readEnabledFunctions().value
    }

    public func kprobes() -> [KprobeRecord]? {
        tracing.readKprobeList().value
    }

    public func pause(milliseconds: Int) {
        usleep(useconds_t(max(0, milliseconds) * 1000))
    }
}
