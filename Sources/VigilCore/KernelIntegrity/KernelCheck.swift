/// What a kernel-integrity finding is about: one of the things Vigil
/// baselines and validates. The raw values appear in events (`check`).
public enum KernelCheck: String, Sendable, Codable, CaseIterable {
    /// Core kernel text, `_stext` to `_etext`.
    case coreText = "core-text"
    /// Core read-only data, `__start_rodata` to `__end_rodata` (ro-after-init data, the
    /// exception table, the jump and static-call tables and the LSM hook lists included).
    case rodata = "rodata"
    /// `sys_call_table`: every entry must be its system call's function in core text.
    case syscallTable = "syscall-table"
    /// The interrupt descriptor table: every gate must lead into core text.
    case idt = "idt"
    /// A module's text.
    case moduleText = "module-text"
    /// A module's read-only and ro-after-init data.
    case moduleRodata = "module-rodata"
    /// The module list against the other views of loaded modules (hidden modules).
    case moduleList = "module-list"
    /// A security-critical variable: modprobe_path, core_pattern, lockdown, …
    case variable = "variable"
    /// A function hooked through ftrace.
    case ftraceHook = "ftrace-hook"
    /// A kprobe.
    case kprobe = "kprobe"
    /// A BPF program or link.
    case bpf = "bpf"
    /// A CPU's system call entry MSRs or the watched bits of its CR4 (the kernel's shadow).
    case cpuState = "cpu-state"
}

extension KernelCheck {
    /// Checks whose findings depend on which modules are loaded at the moment.
    public var dependsOnModules: Bool {
        self == .moduleText || self == .moduleRodata || self == .moduleList
    }
}

/// What woke the validation that produced a finding.
public enum KernelCheckTrigger: String, Sendable, Codable {
    case start
    case timer
    case moduleLoad = "module-load"
    case moduleUnload = "module-unload"
    case hookChange = "hook-change"
    case variableWrite = "variable-write"
    case demand
}
