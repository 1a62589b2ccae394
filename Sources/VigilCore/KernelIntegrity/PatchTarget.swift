/// What a call or jump written by runtime patching leads to.
public enum PatchTarget: Sendable, Equatable {
    /// The first byte of a function (core kernel, a module, or BPF).
    case functionStart(name: String, module: String?)
    /// ftrace's own entry code: `ftrace_caller`, `ftrace_regs_caller`.
    case ftraceEntryPoint
    /// A trampoline ftrace allocated for one set of ops.
    case ftraceTrampoline
    /// A BPF trampoline (fentry, fexit, LSM programs).
    case bpfTrampoline
    /// An instruction slot of an optimized kprobe.
    case kprobeSlot
    /// None of the above.
    case unknown
}

/// Tells what kernel code an address belongs to, from the kernel's symbols.
public protocol PatchTargetResolver {
    func classify(_ address: UInt64) -> PatchTarget
}
