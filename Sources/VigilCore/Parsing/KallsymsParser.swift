/// Parses `/proc/kallsyms`.
///
/// Lines look like `ffffffff81000000 T _stext` or, for modules,
/// `ffffffffc0a01000 t helper\t[vigil_test]`. When `kptr_restrict` hides
/// addresses from the reader every address reads as zero.
public enum KallsymsParser {
    /// Parses one line; `number` is used in the error.
    public static func parseLine(_ line: Substring, number: Int) throws(ParseError) -> KernelSymbol {
        let fields = line.whitespaceFields
        guard fields.count == 3 || fields.count == 4 else {
            throw ParseError(format: "kallsyms", location: .line(number), reason: "expected 3 or 4 fields, found \(fields.count)")
        }
        guard let address = parseHex(fields[0]) else {
            throw ParseError(format: "kallsyms", location: .line(number), reason: "address '\(fields[0])' is not hexadecimal")
        }
        guard fields[1].count == 1, let type = fields[1].first, type.isLetter || type == "?" else {
            throw ParseError(format: "kallsyms", location: .line(number), reason: "symbol type '\(fields[1])' is not a single letter")
        }
        var module: String?
        if fields.count == 4 {
            let tag = fields[3]
            guard tag.hasPrefix("["), tag.hasSuffix("]"), tag.count > 2 else {
                throw ParseError(format: "kallsyms", location: .line(number), reason: "module tag '\(tag)' is not of the form [name]")
            }
            module = String(tag.dropFirst().dropLast())
        }
        return KernelSymbol(address: address, type: type, name: String(fields[2]), module: module)
    }

    /// Parses every complete line of `text`. A final line without its newline
    /// (a read cut short) is ignored rather than half-parsed.
    public static func parse(_ text: String) throws(ParseError) -> [KernelSymbol] {
        var symbols: [KernelSymbol] = []
        let endsWithNewline = text.hasSuffix("\n")
        let lines = Array(TextLines(text))
        for (index, line) in lines.enumerated() {
            if index == lines.count - 1, !endsWithNewline { break }
            if line.content.isEmpty { continue }
            symbols.append(try parseLine(line.content, number: line.number))
        }
        return symbols
    }

    /// Whether the reader can see real addresses: true as soon as any symbol
    /// has a non-zero address (per-CPU symbols at the start are legitimately zero).
    public static func addressesVisible(in symbols: [KernelSymbol]) -> Bool {
        symbols.contains { $0.address != 0 }
    }
}
