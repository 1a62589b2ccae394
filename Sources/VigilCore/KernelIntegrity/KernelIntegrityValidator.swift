/// Takes the kernel's baseline and validates the running kernel against it:
/// core text and read-only data (with every runtime patch site judged on its
/// own), the system call table, the IDT, watched variables, module memory,
/// the module views and the hooks inventory.
///
/// Not thread-safe: one owner (the guard's loop) drives it.
public final class KernelIntegrityValidator {
    public var policy: KernelIntegrityPolicy
    public internal(set) var coverage = KernelIntegrityCoverage()
    public private(set) var symbols: KernelSymbols
    public let layout: CoreKernelLayout

    let source: any KernelStateSource
    var coreRegions: [MemoryRegionBaseline] = []
    var interruptTable: MemoryRegionBaseline?
    /// The function each system call table entry held at the baseline.
    var systemCallNames: [String] = []
    var variables: [VariableWatch] = []
    var modules: [UInt64: ModuleBaseline] = [:]
    /// Modules loaded when the baseline was taken: their hooks are accounted for.
    var trustedModules: Set<String> = []
    /// Modules Vigil saw load and not yet freed, by struct module address.
    var loadedSinceStart: [UInt64: KernelModuleRecord] = [:]
    /// Loaded but not yet live: left out of the hidden-module check until they settle.
    var settling: Set<String> = []
    var ftraceHooks: [String: FtraceHookedFunction]?
    /// Kprobes as of the last hooks inventory (to report new ones).
    var kprobeAddresses: Set<UInt64>?
    /// Kprobes as listed for this validation (to explain int3s and optprobe jumps); nil when unlistable.
    var currentKprobes: Set<UInt64>?
    /// Findings already reported, so that a change that persists is reported once.
    var reported: Set<String> = []
    /// Region differences already reported (region, address, bytes), so that a change that
    /// persists (kint_enforce 1) is not looked at again with pauses and a kallsyms read.
    var knownChanges: Set<String> = []
    /// False after module loads and unloads and hook changes: the module layer of the
    /// symbols may miss new modules or trampolines, and is re-read when next needed.
    var symbolsAreFresh = true
    /// kallsyms is re-read at most once per validation (it costs ~0.5 s under TCG).
    var refreshedThisValidation = false
    /// One reusable buffer per validated region, so that a validation does not fault in
    /// tens of megabytes of fresh memory each time.
    var scratch: [UInt64: [UInt8]] = [:]
    /// Module loads, inits and frees seen so far: a validation that overlapped one
    /// withdraws its module findings (`withdraw(_:)`) and is repeated.
    public internal(set) var moduleEventCount = 0
    /// The CPUs' MSRs and CR4 shadows (KernelIntegrityValidator+CPUState.swift).
    var cpuWatch = CPUStateWatch()

    struct VariableWatch {
        var variable: WatchedVariable
        var address: UInt64
        var legitimate: [UInt8]
    }

    struct ModuleBaseline {
        var record: KernelModuleRecord
        var regions: [MemoryRegionBaseline]
    }

    /// Takes the baseline; the returned validator's `startFindings` hold what was
    /// already wrong at start (illegitimate patch-site states, foreign hooks, …).
    public init(source: any KernelStateSource, policy: KernelIntegrityPolicy, symbols: KernelSymbols? = nil, selinuxHasDisableFlag: Bool = false) throws {
        self.source = source
        self.policy = policy
        let symbols = try symbols ?? source.symbols()
        self.symbols = symbols
        self.layout = try CoreKernelLayout(symbols: symbols.core)
        try takeCoreBaseline()
        takeVariableBaseline(selinuxHasDisableFlag: selinuxHasDisableFlag)
        takeCPUStateBaseline()
        trustedModules = (try? source.procModules()) ?? symbols.modules
        ftraceHooks = source.ftraceHooks().map(Self.index)
        kprobeAddresses = source.kprobes().map { Set($0.map(\.address)) }
        currentKprobes = kprobeAddresses
        if ftraceHooks == nil { coverage.gaps.append("ftrace hooks: tracefs is not mounted") }
        if kprobeAddresses == nil { coverage.gaps.append("kprobes: debugfs is not mounted, so kprobes inside functions cannot be told from tampering") }
    }

    // MARK: - Baseline

    private func takeCoreBaseline() throws {
        let memory = source.memory
        let text = TextImage(base: layout.text.lowerBound, bytes: try memory.read(layout.text.lowerBound, count: Int(layout.text.count)))
        let rodata = TextImage(base: layout.rodata.lowerBound, bytes: try memory.read(layout.rodata.lowerBound, count: Int(layout.rodata.count)))
        var groups: [[PatchSite]] = []
        if let table = layout.jumpTable {
            let sites = PatchSiteCatalog.jumpLabels(table: Array(rodata.bytes(at: table.lowerBound, count: Int(table.count))), tableAddress: table.lowerBound, text: text)
            coverage.patchSites["jump labels"] = sites.count
            groups.append(sites)
        } else {
            coverage.gaps.append("jump labels: kallsyms has no __start___jump_table; their changes will be reported")
        }
        if let table = layout.staticCallSites {
            let sites = PatchSiteCatalog.staticCallSites(table: Array(rodata.bytes(at: table.lowerBound, count: Int(table.count))), tableAddress: table.lowerBound, text: text)
            coverage.patchSites["static call sites"] = sites.count
            groups.append(sites)
        }
        let coreFunctions = symbols.textSymbols(module: nil).filter { layout.text.contains($0.address) }
        let trampolines = PatchSiteCatalog.staticCallTrampolines(coreFunctions.filter { $0.name.hasPrefix("__SCT__") }.map(\.address), text: text)
        coverage.patchSites["static call trampolines"] = trampolines.count
        groups.append(trampolines)
        let callers = ["ftrace_call", "ftrace_regs_call", "ftrace_graph_call"].compactMap { symbols.address(of: $0) }
        groups.append(PatchSiteCatalog.ftraceCallers(callers, text: text))
        let ftrace = PatchSiteCatalog.ftraceEntries(functionStarts: coreFunctions.map(\.address), text: text, isFtraceCall: isFtraceCall)
        coverage.patchSites["ftrace sites"] = ftrace.count
        groups.append(ftrace)
        let textBaseline = MemoryRegionBaseline(name: "core text", check: .coreText, image: text, sites: PatchSiteCatalog.merge(groups))
        coreRegions = [textBaseline, MemoryRegionBaseline(name: "rodata", check: .rodata, image: rodata)]
        coverage.regions += ["core text", "rodata"]
        coverage.bytesCovered += text.bytes.count + rodata.bytes.count

        if let table = layout.systemCallTable, layout.systemCallCount > 0 {
            // The table runs to the next symbol; trailing words that are no function (padding)
            // are cut. An entry inside the table that leads anywhere else is kept, and reported.
            var entries = try readAddresses(table, count: layout.systemCallCount)
            while let last = entries.last, !symbols.isFunctionStart(last) { entries.removeLast() }
            systemCallNames = entries.map { entry in symbols.locate(entry).map { $0.symbol.name } ?? "" }
            coverage.systemCalls = entries.count
        } else {
            coverage.gaps.append("system call table: kallsyms has no sys_call_table")
        }
        if let idt = layout.interruptTable, memory.isMapped(idt, count: InterruptDescriptorTable.byteCount) {
            let bytes = try memory.read(idt, count: InterruptDescriptorTable.byteCount)
            interruptTable = MemoryRegionBaseline(name: "IDT", check: .idt, image: TextImage(base: idt, bytes: bytes))
            coverage.interruptGates = (try? InterruptDescriptorTable.gates(bytes).filter(\.present).count) ?? 0
            coverage.bytesCovered += bytes.count
        } else {
            coverage.gaps.append("IDT: idt_table is not in kallsyms or not readable")
        }
    }

    private func takeVariableBaseline(selinuxHasDisableFlag: Bool) {
        for variable in WatchedVariable.defaults + [WatchedVariable.selinuxEnforcing(hasDisableFlag: selinuxHasDisableFlag)] {
            guard let address = symbols.address(of: variable.symbol) else { continue }
            let target = address + UInt64(variable.offset)
            guard let bytes = try? source.memory.read(target, count: variable.size) else {
                coverage.gaps.append("\(variable.symbol): not readable")
                continue
            }
            variables.append(VariableWatch(variable: variable, address: target, legitimate: bytes))
            coverage.variables.append(variable.symbol)
        }
    }

    func readAddresses(_ address: UInt64, count: Int) throws(KernelMemoryError) -> [UInt64] {
        let bytes = try source.memory.read(address, count: count * 8)
        return (0..<count).map { index in
            var value: UInt64 = 0
            for byte in 0..<8 { value |= UInt64(bytes[index * 8 + byte]) << (8 * UInt64(byte)) }
            return value
        }
    }

    static func index(_ hooks: [FtraceHookedFunction]) -> [String: FtraceHookedFunction] {
        var result: [String: FtraceHookedFunction] = [:]
        for hook in hooks { result[hook.name + (hook.module.map { " [\($0)]" } ?? "")] = hook }
        return result
    }

    // MARK: - Symbols

    /// Re-reads the module layer of kallsyms when it may be stale, or with `force` (to
    /// name what a suspicious change leads to); at most once per validation.
    public func refreshSymbols(force: Bool = false) {
        guard !symbolsAreFresh || force, !refreshedThisValidation, let fresh = try? source.moduleSymbols() else { return }
        symbols = symbols.replacingDynamic(fresh)
        symbolsAreFresh = true
        refreshedThisValidation = true
    }

    var resolver: SymbolPatchTargetResolver { SymbolPatchTargetResolver(symbols: symbols) }

    /// Whether a call at a function's entry goes to ftrace or one of its trampolines.
    func isFtraceCall(_ target: UInt64) -> Bool {
        switch resolver.classify(target) {
        case .ftraceEntryPoint, .ftraceTrampoline, .bpfTrampoline: true
        default: false
        }
    }

    func describe(_ address: UInt64) -> (symbol: String, module: String?) {
        guard let location = symbols.locate(address) else { return (String(address, radix: 16), nil) }
        return (location.description, location.symbol.module)
    }

    /// Records a finding unless it was reported before; tampering may be adopted (kint_enforce=0).
    /// Forgets findings that turned out to rest on a stale view, so that a later
    /// validation reports them again if they persist.
    public func withdraw(_ findings: [KernelIntegrityFinding]) {
        for finding in findings { reported.remove(finding.identity) }
        knownChanges.removeAll()
    }

    func report(_ finding: KernelIntegrityFinding, into findings: inout [KernelIntegrityFinding]) {
        guard reported.insert(finding.identity).inserted else { return }
        findings.append(finding)
    }
}
