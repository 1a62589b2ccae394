/// A code address as `%pS` prints it: the symbol that covers it, or the bare
/// address (`0xffffffffc0328000`) when no symbol does, as for ftrace's
/// dynamically allocated trampolines.
public enum SymbolizedAddress: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    case symbol(SymbolReference)
    case unresolved(UInt64)

    public var symbol: SymbolReference? {
        if case .symbol(let symbol) = self { return symbol }
        return nil
    }

    /// The printed address; nil when the kernel printed a symbol instead.
    public var address: UInt64? {
        if case .unresolved(let address) = self { return address }
        return nil
    }

    public var module: String? { symbol?.module }

    public var description: String {
        switch self {
        case .symbol(let symbol): symbol.description
        case .unresolved(let address): "0x\(String(address, radix: 16))"
        }
    }
}
