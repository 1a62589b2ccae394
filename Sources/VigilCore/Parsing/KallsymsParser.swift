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

    /// Parses the raw bytes of the file in one pass, without a String per line:
    /// kallsyms has 95k–165k lines and is re-read after every module load, so this
    /// is the form the validator uses. Same rules as `parse(_:)` for what kallsyms prints
    /// (bare hexadecimal addresses); error wording may differ on malformed lines.
    /// With `modulesOnly`, lines without a `[module]` tag are skipped unparsed.
    public static func parse(bytes: [UInt8], modulesOnly: Bool = false) throws(ParseError) -> [KernelSymbol] {
        var symbols: [KernelSymbol] = []
        symbols.reserveCapacity(bytes.count / 40)
        var lineStart = 0
        var number = 0
        let count = bytes.count
        while lineStart < count {
            number += 1
            var lineEnd = lineStart
            while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            // A final line without its newline was cut short: ignored.
            guard lineEnd < count else { break }
            if lineEnd == lineStart {
                // An empty line.
            } else if modulesOnly, bytes[lineEnd - 1] != 0x5D {
                // Not a module symbol (module lines end with "]").
            } else {
                symbols.append(try parseLine(bytes, lineStart..<lineEnd, number: number))
            }
            lineStart = lineEnd + 1
        }
        return symbols
    }

    private static func parseLine(_ bytes: [UInt8], _ line: Range<Int>, number: Int) throws(ParseError) -> KernelSymbol {
        // Fields split on spaces and tabs: address, type, name, optional [module].
        var fields: [Range<Int>] = []
        var index = line.lowerBound
        while index < line.upperBound, fields.count < 5 {
            while index < line.upperBound, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < line.upperBound else { break }
            let start = index
            while index < line.upperBound, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
            fields.append(start..<index)
        }
        guard fields.count == 3 || fields.count == 4 else {
            throw ParseError(format: "kallsyms", location: .line(number), reason: "expected 3 or 4 fields, found \(fields.count)")
        }
        var address: UInt64 = 0
        let addressField = fields[0]
        guard addressField.count <= 16 else {
            throw ParseError(format: "kallsyms", location: .line(number), reason: "address is longer than 16 digits")
        }
        for position in addressField {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x61 + 10
            case 0x41...0x46: digit = byte - 0x41 + 10
            default:
                throw ParseError(format: "kallsyms", location: .line(number), reason: "address '\(text(bytes, addressField))' is not hexadecimal")
            }
            address = address << 4 | UInt64(digit)
        }
        let typeField = fields[1]
        let typeByte = bytes[typeField.lowerBound]
        let isLetter = (typeByte >= 0x41 && typeByte <= 0x5A) || (typeByte >= 0x61 && typeByte <= 0x7A)
        guard typeField.count == 1, isLetter || typeByte == 0x3F else {
            throw ParseError(format: "kallsyms", location: .line(number), reason: "symbol type '\(text(bytes, typeField))' is not a single letter")
        }
        var module: String?
        if fields.count == 4 {
            let tag = fields[3]
            guard tag.count > 2, bytes[tag.lowerBound] == 0x5B, bytes[tag.upperBound - 1] == 0x5D else {
                throw ParseError(format: "kallsyms", location: .line(number), reason: "module tag '\(text(bytes, tag))' is not of the form [name]")
            }
            module = text(bytes, (tag.lowerBound + 1)..<(tag.upperBound - 1))
        }
        return KernelSymbol(address: address, type: Character(Unicode.Scalar(typeByte)), name: text(bytes, fields[2]), module: module)
    }

    private static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Whether the reader can see real addresses: true as soon as any symbol
    /// has a non-zero address (per-CPU symbols at the start are legitimately zero).
    public static func addressesVisible(in symbols: [KernelSymbol]) -> Bool {
        symbols.contains { $0.address != 0 }
    }
}
