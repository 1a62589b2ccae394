/// One record of tracefs `enabled_functions` (or `touched_functions`): a kernel
/// function whose ftrace call site is in use, and the code it now calls.
///
/// This is how kprobes on function entries, BPF trampolines (fentry/fexit) and
/// any module that registers its own `ftrace_ops` (a classic rootkit hook) all
/// show up, whoever asked for them.
public struct FtraceHookedFunction: Equatable, Sendable, Codable {
    /// The letters `t_show()` prints after the count (kernel/trace/ftrace.c).
    public struct Flags: OptionSet, Hashable, Sendable, Codable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// `R`, FTRACE_FL_REGS: a callback wants the full register set.
        public static let savesRegisters = Flags(rawValue: 1 << 0)
        /// `I`, FTRACE_FL_IPMODIFY: a callback may change where the function continues (live patching, kprobes with a post handler, hijacking hooks).
        public static let modifiesIP = Flags(rawValue: 1 << 1)
        /// `D`, FTRACE_FL_DIRECT: the call site jumps straight to a direct trampoline (BPF fentry/fexit).
        public static let direct = Flags(rawValue: 1 << 2)
        /// `O`, FTRACE_FL_CALL_OPS (6.3 and later, arm64): the ops pointer is stored beside the call site.
        public static let callOps = Flags(rawValue: 1 << 3)
        /// `M`, FTRACE_FL_MODIFIED (6.4 and later): a direct or IP-modifying callback has been attached at some time.
        public static let modified = Flags(rawValue: 1 << 4)

        /// The flag a letter stands for.
        public init?(letter: Character) {
            switch letter {
            case "R": self = .savesRegisters
            case "I": self = .modifiesIP
            case "D": self = .direct
            case "O": self = .callOps
            case "M": self = .modified
            default: return nil
            }
        }
    }

    /// `\ttramp: <trampoline> (<ops->func>) -><called function>`.
    public struct Trampoline: Equatable, Sendable, Codable {
        /// Where the trampoline is; usually unresolved, as ftrace allocates them outside any symbol.
        public var location: SymbolizedAddress
        /// The `ftrace_ops` callback (`ops->func`).
        public var handler: SymbolizedAddress
        /// The function the trampoline actually calls, when the architecture says (`->`).
        public var callback: SymbolizedAddress?

        public init(location: SymbolizedAddress, handler: SymbolizedAddress, callback: SymbolizedAddress? = nil) {
            self.location = location
            self.handler = handler
            self.callback = callback
        }
    }

    /// `\tops: <ftrace_ops> (<ops->func>)`, printed when the call site carries its ops (FTRACE_FL_CALL_OPS_EN).
    public struct CallOps: Equatable, Sendable, Codable {
        public var ops: SymbolizedAddress
        public var handler: SymbolizedAddress

        public init(ops: SymbolizedAddress, handler: SymbolizedAddress) {
            self.ops = ops
            self.handler = handler
        }
    }

    public var name: String
    /// The module that owns the hooked function, nil for the core kernel.
    public var module: String?
    /// How many `ftrace_ops` use this call site.
    public var referenceCount: Int
    public var flags: Flags
    /// One per ops with its own trampoline, in the order the kernel printed them.
    public var trampolines: [Trampoline]
    /// Without a trampoline, what the shared ftrace caller calls (` ->`), when the architecture says.
    public var callback: SymbolizedAddress?
    public var callOps: CallOps?
    /// The direct-call target (`\tdirect-->`), such as a BPF trampoline.
    public var directTarget: SymbolizedAddress?
    /// The kernel printed `tramp: ERROR!`: the record uses a trampoline but no ops owns it.
    public var trampolineLookupFailed: Bool
    /// The kernel printed `ops: ERROR!`.
    public var opsLookupFailed: Bool
    /// The `{…}` sub-ops groups later kernels print after a trampoline or ops, verbatim.
    public var subOperations: [String]

    public init(
        name: String, module: String? = nil, referenceCount: Int, flags: Flags = [],
        trampolines: [Trampoline] = [], callback: SymbolizedAddress? = nil, callOps: CallOps? = nil,
        directTarget: SymbolizedAddress? = nil, trampolineLookupFailed: Bool = false,
        opsLookupFailed: Bool = false, subOperations: [String] = []
    ) {
        self.name = name
        self.module = module
        self.referenceCount = referenceCount
        self.flags = flags
        self.trampolines = trampolines
        self.callback = callback
        self.callOps = callOps
        self.directTarget = directTarget
        self.trampolineLookupFailed = trampolineLookupFailed
        self.opsLookupFailed = opsLookupFailed
        self.subOperations = subOperations
    }

    /// The first trampoline, which is the only one in the common case.
    public var trampoline: Trampoline? { trampolines.first }

    /// Every module named by the code this function now calls (trampoline
    /// callbacks and handlers, the ops, the direct target), first seen first.
    public var callbackModules: [String] {
        var printed: [SymbolizedAddress?] = []
        for trampoline in trampolines {
            printed += [trampoline.callback, trampoline.handler, trampoline.location]
        }
        printed += [callback, callOps?.handler, callOps?.ops, directTarget]
        var modules: [String] = []
        for module in printed.compactMap({ $0?.module }) where !modules.contains(module) {
            modules.append(module)
        }
        return modules
    }

    /// `callbackModules` without the pseudo-modules of kernel-generated code
    /// (ftrace and BPF trampolines): the loaded modules whose code is called.
    public var callbackModuleOwners: [String] {
        callbackModules.filter { !SymbolTable.isPseudoModule($0) }
    }

    /// The module whose code the hooked function calls, nil when every callback
    /// is core kernel code (kprobes, the function tracer) or a BPF program.
    public var callbackOwnerModule: String? { callbackModules.first }
}
