/// Parses tracefs `kprobe_events`.
///
/// `trace_kprobe_show()` in kernel/trace/trace_kprobe.c (v6.1 and v6.12) prints
/// `p` or `r` (with the kretprobe's maxactive when set, `r16`), `:group/event`,
/// then ` symbol`, ` symbol+offset` (decimal) or ` 0x%p` for a probe at a raw
/// address, then ` name=fetch` per argument. A symbol in a module is kept as the
/// user wrote it, `module:symbol`.
public enum KprobeEventsParser {
    static let format = "kprobe_events"

    /// Parses every complete line of `text`. A final line without its newline
    /// (a read cut short) is ignored.
    public static func parse(_ text: String) throws(ParseError) -> [KprobeEventDefinition] {
        var events: [KprobeEventDefinition] = []
        let endsWithNewline = text.hasSuffix("\n")
        let lines = Array(TextLines(text))
        for (index, line) in lines.enumerated() {
            if index == lines.count - 1, !endsWithNewline { break }
            if line.content.whitespaceFields.isEmpty { continue }
            events.append(try parseLine(line.content, number: line.number))
        }
        return events
    }

    public static func parseLine(_ line: Substring, number: Int) throws(ParseError) -> KprobeEventDefinition {
        func fail(_ reason: String) -> ParseError {
            ParseError(format: format, location: .line(number), reason: reason)
        }
        let fields = line.whitespaceFields
        guard fields.count >= 2 else { throw fail("expected a probe name and a location, found \(fields.count) field(s)") }

        let header = fields[0]
        guard let colon = header.firstIndex(of: ":"),
              let kindLetter = header.first, let kind = KprobeEventDefinition.Kind(rawValue: String(kindLetter))
        else {
            throw fail("probe '\(header)' does not start with p: or r:")
        }
        let maxActiveText = header[header.index(after: header.startIndex)..<colon]
        var maxActive: Int?
        if !maxActiveText.isEmpty {
            guard kind == .returnProbe, let value = Int(maxActiveText), value > 0 else {
                throw fail("'\(maxActiveText)' in '\(header)' is not a return probe's maxactive")
            }
            maxActive = value
        }
        let names = header[header.index(after: colon)...].split(separator: "/", omittingEmptySubsequences: false)
        guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty else {
            throw fail("probe name '\(header)' is not of the form group/event")
        }

        var event = KprobeEventDefinition(kind: kind, maxActive: maxActive, group: String(names[0]), event: String(names[1]))
        try parseLocation(fields[1], into: &event, fail: fail)
        for argument in fields.dropFirst(2) {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw fail("argument '\(argument)' is not name=fetch")
            }
            event.arguments.append(.init(name: String(argument[..<equals]), fetch: String(argument[argument.index(after: equals)...])))
        }
        return event
    }

    /// `0xADDRESS`, `symbol`, `symbol+offset` or `module:symbol[+offset]`.
    private static func parseLocation(
        _ field: Substring, into event: inout KprobeEventDefinition, fail: (String) -> ParseError
    ) throws(ParseError) {
        if field.hasPrefix("0x") {
            guard let address = parseHex(field) else { throw fail("address '\(field)' is not hexadecimal") }
            event.address = address
            return
        }
        var symbol = field
        if let plus = field.lastIndex(of: "+") {
            guard let offset = UInt64(field[field.index(after: plus)...]) else {
                throw fail("offset in '\(field)' is not a decimal number")
            }
            event.offset = offset
            symbol = field[..<plus]
        }
        if let colon = symbol.firstIndex(of: ":") {
            let module = symbol[..<colon]
            guard !module.isEmpty else { throw fail("empty module name in '\(field)'") }
            event.module = String(module)
            symbol = symbol[symbol.index(after: colon)...]
        }
        guard !symbol.isEmpty else { throw fail("no symbol in '\(field)'") }
        event.symbol = String(symbol)
    }
}
