/// Where an address falls among the kernel's symbols: the nearest symbol at or
/// below it and the distance from that symbol's start.
public struct SymbolLocation: Equatable, Sendable, CustomStringConvertible {
    public var symbol: KernelSymbol
    /// `address - symbol.address`.
    public var offset: UInt64

    public init(symbol: KernelSymbol, offset: UInt64) {
        self.symbol = symbol
        self.offset = offset
    }

    /// The kernel's own way of naming an address: `do_sys_openat2+0x9`, or
    /// `helper+0x10 [vigil_rootkit]` for a module symbol.
    public var description: String {
        let base = "\(symbol.name)+0x\(String(offset, radix: 16))"
        guard let module = symbol.module else { return base }
        return "\(base) [\(module)]"
    }
}
