/// The kernel's symbols in two layers: the core kernel's, which never change
/// while it runs, and those of modules and generated code (ftrace and BPF
/// trampolines, BPF programs), which change with every load. Re-reading only
/// the second layer keeps a refresh after a module load cheap.
public struct KernelSymbols: Sendable {
    public let core: SymbolTable
    public let dynamic: SymbolTable

    public init(core: SymbolTable, dynamic: SymbolTable) {
        self.core = core
        self.dynamic = dynamic
    }

    /// Splits one kallsyms read into its layers.
    public init(_ symbols: [KernelSymbol]) {
        core = SymbolTable(symbols.filter { $0.module == nil })
        dynamic = SymbolTable(symbols.filter { $0.module != nil })
    }

    /// The same core symbols with a fresh module layer (symbols with a module tag).
    public func replacingDynamic(_ symbols: [KernelSymbol]) -> KernelSymbols {
        KernelSymbols(core: core, dynamic: SymbolTable(symbols.filter { $0.module != nil }))
    }

    public func address(of name: String, module: String? = nil) -> UInt64? {
        module == nil ? core.address(of: name) : dynamic.address(of: name, module: module)
    }

    /// The nearest symbol at or below `address`, from whichever layer has the closer one.
    public func locate(_ address: UInt64) -> SymbolLocation? {
        switch (core.locate(address), dynamic.locate(address)) {
        case (let core?, let dynamic?): dynamic.symbol.address >= core.symbol.address ? dynamic : core
        case (let core?, nil): core
        case (nil, let dynamic?): dynamic
        case (nil, nil): nil
        }
    }

    public func isFunctionStart(_ address: UInt64) -> Bool {
        core.isFunctionStart(address) || dynamic.isFunctionStart(address)
    }

    public func textSymbols(module: String?) -> [KernelSymbol] {
        module == nil ? core.textSymbols(module: nil) : dynamic.textSymbols(module: module)
    }

    /// Loadable modules that own symbols.
    public var modules: Set<String> { dynamic.modules }
}
