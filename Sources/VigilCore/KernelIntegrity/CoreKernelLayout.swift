/// Where the core kernel's validated regions and tables are, from kallsyms.
public struct CoreKernelLayout: Sendable, Equatable {
    public var text: Range<UInt64>
    public var rodata: Range<UInt64>
    public var jumpTable: Range<UInt64>?
    public var staticCallSites: Range<UInt64>?
    public var exceptionTable: Range<UInt64>?
    public var roAfterInit: Range<UInt64>?
    public var systemCallTable: UInt64?
    /// Entries of `sys_call_table`: up to the next symbol, at most 1024.
    public var systemCallCount: Int
    public var interruptTable: UInt64?

    public struct MissingSymbol: Error, Sendable, Equatable, CustomStringConvertible {
        public var name: String
        public var description: String { "kallsyms has no \(name): the region it bounds cannot be validated" }
    }

    public init(symbols: SymbolTable) throws(MissingSymbol) {
        func required(_ name: String) throws(MissingSymbol) -> UInt64 {
            guard let address = symbols.address(of: name), address != 0 else { throw MissingSymbol(name: name) }
            return address
        }
        func range(_ start: String, _ end: String) -> Range<UInt64>? {
            guard let low = symbols.address(of: start), let high = symbols.address(of: end), low != 0, low <= high else { return nil }
            return low..<high
        }
        let textStart = try required("_stext")
        let textEnd = try required("_etext")
        let rodataStart = try required("__start_rodata")
        let rodataEnd = try required("__end_rodata")
        guard textStart < textEnd, rodataStart < rodataEnd else { throw MissingSymbol(name: "_stext/_etext or __start_rodata/__end_rodata in order") }
        text = textStart..<textEnd
        rodata = rodataStart..<rodataEnd
        jumpTable = range("__start___jump_table", "__stop___jump_table")
        staticCallSites = range("__start_static_call_sites", "__stop_static_call_sites")
        exceptionTable = range("__start___ex_table", "__stop___ex_table")
        roAfterInit = range("__start_ro_after_init", "__end_ro_after_init")
        systemCallTable = symbols.address(of: "sys_call_table")
        systemCallCount = 0
        if let table = systemCallTable {
            // The table runs until the next symbol; entries outside core text
            // (the next object) are cut off once the table is read (`systemCallCount(entries:)`).
            var end = table + 8
            while end < table + 8 * 1024, symbols.locate(end)?.symbol.address == table { end += 8 }
            systemCallCount = Int((end - table) / 8)
        }
        interruptTable = symbols.address(of: "idt_table")
    }

    /// The name of the part of read-only data an address falls in, for evidence.
    public func rodataPart(of address: UInt64) -> String {
        if let table = systemCallTable, address >= table, address < table + UInt64(systemCallCount * 8) { return "rodata (sys_call_table)" }
        if let range = exceptionTable, range.contains(address) { return "rodata (exception table)" }
        if let range = jumpTable, range.contains(address) { return "ro-after-init (jump table)" }
        if let range = staticCallSites, range.contains(address) { return "ro-after-init (static call sites)" }
        if let range = roAfterInit, range.contains(address) { return "ro-after-init data" }
        return "rodata"
    }
}
