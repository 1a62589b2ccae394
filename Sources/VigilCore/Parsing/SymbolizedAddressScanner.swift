/// Reads addresses printed with `%pS` out of a line of kernel text.
///
/// `__sprint_symbol` (kernel/kallsyms.c, v6.1 and v6.12) prints `0x%lx` when no
/// symbol covers the address, else `name+%#lx/%#lx` (offset and size) followed
/// by ` [module]` for module symbols; `%pSb` adds a build ID inside the brackets
/// (` [module 0123…]`), which is dropped here.
enum SymbolizedAddressScanner {
    /// Consumes one printed address from the front of `text`, leaving the rest.
    /// The address ends at a space, tab, `(`, `)` or the end of the text.
    /// Returns nil, consuming nothing, when the front is not a printed address.
    static func scan(_ text: inout Substring) -> SymbolizedAddress? {
        let end = text.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "(" || $0 == ")" }) ?? text.endIndex
        let token = text[..<end]
        guard !token.isEmpty else { return nil }
        var rest = text[end...]

        let printed: SymbolizedAddress
        if let plus = token.lastIndex(of: "+") {
            let name = token[..<plus]
            let numbers = token[token.index(after: plus)...].split(separator: "/", omittingEmptySubsequences: false)
            guard !name.isEmpty, numbers.count == 1 || numbers.count == 2, let offset = parseHex(numbers[0]) else { return nil }
            var size: UInt64?
            if numbers.count == 2 {
                guard let parsed = parseHex(numbers[1]) else { return nil }
                size = parsed
            }
            let module = scanModule(&rest)
            printed = .symbol(SymbolReference(name: String(name), offset: offset, size: size, module: module))
        } else if token.hasPrefix("0x"), let address = parseHex(token) {
            printed = .unresolved(address)
        } else {
            let module = scanModule(&rest)
            printed = .symbol(SymbolReference(name: String(token), module: module))
        }
        text = rest
        return printed
    }

    /// Parses a whole field that must be exactly one printed address.
    static func parse(_ field: Substring) -> SymbolizedAddress? {
        var rest = field
        guard let printed = scan(&rest), rest.isEmpty else { return nil }
        return printed
    }

    /// Consumes ` [module]` or ` [module buildid]` if it comes next.
    private static func scanModule(_ text: inout Substring) -> String? {
        guard text.hasPrefix(" ["), let close = text.firstIndex(of: "]") else { return nil }
        let inside = text[text.index(text.startIndex, offsetBy: 2)..<close]
        guard let name = inside.split(separator: " ").first, !name.isEmpty else { return nil }
        text = text[text.index(after: close)...]
        return String(name)
    }
}
