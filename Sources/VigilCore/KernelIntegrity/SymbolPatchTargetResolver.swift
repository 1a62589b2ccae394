/// Classifies patch targets with the kernel's symbols: ftrace's entry code,
/// the trampolines ftrace and BPF allocate (kallsyms lists them under the
/// pseudo-modules `__builtin__ftrace` and `bpf`), kprobe instruction slots
/// (`__builtin__kprobes`), and function starts.
public struct SymbolPatchTargetResolver: PatchTargetResolver, Sendable {
    public var symbols: KernelSymbols

    public init(symbols: KernelSymbols) {
        self.symbols = symbols
    }

    public func classify(_ address: UInt64) -> PatchTarget {
        guard let location = symbols.locate(address) else { return .unknown }
        let symbol = location.symbol
        if symbol.module == "__builtin__kprobes", location.offset < 4096 { return .kprobeSlot }
        guard location.offset == 0, symbol.isText else { return .unknown }
        switch symbol.module {
        case nil where symbol.name == "ftrace_caller" || symbol.name == "ftrace_regs_caller":
            return .ftraceEntryPoint
        case "__builtin__ftrace":
            return .ftraceTrampoline
        case "bpf" where symbol.name.hasPrefix("bpf_trampoline_"):
            return .bpfTrampoline
        default:
            return .functionStart(name: symbol.name, module: symbol.module)
        }
    }
}
