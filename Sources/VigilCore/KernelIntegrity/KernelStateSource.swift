/// Everything the kernel-integrity validator reads from the running system,
/// behind one protocol so that tests can play the kernel.
public protocol KernelStateSource {
    var memory: any KernelMemorySource { get }
    /// `/proc/kallsyms`, parsed.
    func symbols() throws -> KernelSymbols
    /// Only the symbols of `/proc/kallsyms` with a module tag (modules, trampolines, BPF).
    func moduleSymbols() throws -> [KernelSymbol]
    /// Names in `/proc/modules`.
    func procModules() throws -> Set<String>
    /// Loaded modules under `/sys/module`, or nil when sysfs cannot be read.
    func sysfsModules() -> Set<String>?
    /// Functions hooked through ftrace (`enabled_functions`), or nil when tracefs is not mounted.
    func ftraceHooks() -> [FtraceHookedFunction]?
    /// Registered kprobes (debugfs `kprobes/list`), or nil when debugfs is not mounted.
    func kprobes() -> [KprobeRecord]?
    /// Waits a little, for patching in progress to finish.
    func pause(milliseconds: Int)
    /// The CPUs' MSRs, platform and the kernel's BTF, for the CPU-state check. Asked once,
    /// when the baseline is taken; the source returned is kept (it may hold files open).
    func processors() -> any ProcessorStateSource
}
