import VigilCore

/// The CPUs as the CPU-state check reads them on a host, below a `SystemRoot`:
/// the online CPUs from sysfs, MSRs through the msr driver, the platform from
/// `/proc/cpuinfo` and `/proc/cmdline`, struct layouts from the kernel's BTF.
public final class HostProcessorState: ProcessorStateSource {
    public static let onlinePath = "/sys/devices/system/cpu/online"
    public static let btfPath = "/sys/kernel/btf/vmlinux"

    public let root: SystemRoot
    private let files: KernelFileReader
    private let registers: ModelSpecificRegisterReader

    public init(root: SystemRoot) {
        self.root = root
        files = KernelFileReader(root: root)
        registers = ModelSpecificRegisterReader(root: root)
    }

    public func onlineProcessors() throws -> [Int] {
        try CPUListParser.parse(try files.readText(Self.onlinePath, limit: 64 << 10))
    }

    public func modelSpecificRegisters(cpu: Int) throws -> [ModelSpecificRegister: UInt64] {
        try registers.read(ModelSpecificRegister.allCases, cpu: cpu)
    }

    /// The first processor's block of `/proc/cpuinfo` (it may run to megabytes on large machines) and `/proc/cmdline`.
    public func platform() throws -> ProcessorPlatform {
        let cpuinfo = try files.readPrefix("/proc/cpuinfo", upTo: 4 << 20, chunk: 16 << 10) { bytes in
            !Self.containsBlankLine(bytes)
        }
        let commandLine = (try? files.readText("/proc/cmdline", limit: 64 << 10)) ?? ""
        return ProcessorPlatform.parse(cpuinfo: String(decoding: cpuinfo, as: UTF8.self), commandLine: commandLine)
    }

    public func memberOffset(of member: String, in structure: String) throws -> Int? {
        try BTFStructParser.memberOffset(try files.readBytes(Self.btfPath, limit: 256 << 20), structure: structure, member: member)
    }

    static func containsBlankLine(_ bytes: [UInt8]) -> Bool {
        zip(bytes, bytes.dropFirst()).contains { $0 == 0x0A && $1 == 0x0A }
    }
}
