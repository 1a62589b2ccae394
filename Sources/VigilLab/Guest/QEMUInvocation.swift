/// The QEMU command line that boots one lab guest under TCG.
///
/// The harness uses single-threaded TCG: with one host thread per vCPU (MTTCG), Debian 6.12
/// guests sometimes oopsed at boot on an `int3` left by kernel text patching (2 of ~100 boots),
/// a race between one vCPU rewriting code and another still running the old translation.
///
/// Two serial ports: ttyS0 is the kernel console (`console.log`), ttyS1 the result channel
/// (`results.log`). `-no-reboot` turns the guest's `poweroff -f`, and a panic's reboot, into an exit.
public struct QEMUInvocation: Equatable, Sendable {
    public static let executable = "qemu-system-x86_64"
    /// Arguments every guest's kernel gets before the scenario's own.
    /// `no_timer_check`: on a loaded host, TCG guests sometimes failed the boot-time IO-APIC
    /// timer check ("IO-APIC + timer doesn't work!") and panicked before /init.
    public static let baseKernelArguments = ["console=ttyS0", "quiet", "loglevel=4", "panic=-1", "no_timer_check"]

    public var kernelPath: String
    public var initrdPath: String
    public var consoleLogPath: String
    public var resultsLogPath: String
    public var extraKernelArguments: [String]
    public var memoryMiB: Int
    public var cpus: Int
    /// Run all vCPUs in one host thread (`-accel tcg,thread=single`) instead of one thread each.
    public var singleThreadedTCG: Bool

    public init(
        kernelPath: String,
        initrdPath: String,
        consoleLogPath: String,
        resultsLogPath: String,
        extraKernelArguments: [String] = [],
        memoryMiB: Int = 1024,
        cpus: Int = 2,
        singleThreadedTCG: Bool = false
    ) {
        self.kernelPath = kernelPath
        self.initrdPath = initrdPath
        self.consoleLogPath = consoleLogPath
        self.resultsLogPath = resultsLogPath
        self.extraKernelArguments = extraKernelArguments
        self.memoryMiB = memoryMiB
        self.cpus = cpus
        self.singleThreadedTCG = singleThreadedTCG
    }

    /// The kernel command line (`-append`).
    public var kernelCommandLine: String {
        (Self.baseKernelArguments + extraKernelArguments).joined(separator: " ")
    }

    /// The arguments after the executable's name.
    public var arguments: [String] {
        [
            "-accel", singleThreadedTCG ? "tcg,thread=single" : "tcg",
            "-cpu", "max",
            "-m", String(memoryMiB),
            "-smp", String(cpus),
            "-nodefaults",
            "-display", "none",
            "-no-reboot",
            "-monitor", "none",
            "-serial", "file:" + Self.escapingCommas(consoleLogPath),
            "-serial", "file:" + Self.escapingCommas(resultsLogPath),
            "-kernel", kernelPath,
            "-initrd", initrdPath,
            "-append", kernelCommandLine,
        ]
    }

    /// QEMU option values separate sub-options with commas; a literal comma is written twice.
    static func escapingCommas(_ path: String) -> String {
        path.replacingAll(",", with: ",,")
    }
}
