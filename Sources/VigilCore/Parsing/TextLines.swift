/// Splits kernel text output into lines without Foundation.
///
/// Kernel pseudo-files end every line with `\n`; a missing final newline means
/// the read was cut short, which callers may want to know.
struct TextLines: Sequence {
    let text: Substring

    init(_ text: String) {
        self.text = Substring(text)
    }

    func makeIterator() -> some IteratorProtocol<(number: Int, content: Substring)> {
        var remainder = text[...]
        var number = 0
        return AnyIterator {
            guard !remainder.isEmpty else { return nil }
            number += 1
            if let newline = remainder.firstIndex(of: "\n") {
                let line = remainder[..<newline]
                remainder = remainder[remainder.index(after: newline)...]
                return (number, line)
            }
            let line = remainder
            remainder = remainder[remainder.endIndex...]
            return (number, line)
        }
    }
}

extension Substring {
    /// Fields separated by runs of spaces or tabs, as `/proc` files print them.
    var whitespaceFields: [Substring] {
        split(whereSeparator: { $0 == " " || $0 == "\t" })
    }
}

/// Parses a hexadecimal number with an optional `0x` prefix.
func parseHex(_ text: Substring) -> UInt64? {
    var digits = text
    if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
    guard !digits.isEmpty, digits.count <= 16 else { return nil }
    return UInt64(digits, radix: 16)
}
