/// Parses debugfs `kprobes/list`.
///
/// `report_probe()` in kernel/kprobes.c (v6.1 and v6.12) prints
/// `"%px  %s  %s+0x%x  %s "` (address, `k` or `r`, symbol+offset, module or a
/// blank) followed by the tags `[GONE]`, `[DISABLED]`, `[OPTIMIZED]`, `[FTRACE]`
/// run together; when no symbol covers the address it prints `"%px  %s  %pS "`
/// instead. The address reads as zeros to a reader who may not see kernel pointers.
public enum KprobeListParser {
    static let format = "kprobes/list"

    /// Parses every complete line of `text`. A final line without its newline
    /// (a read cut short) is ignored.
    public static func parse(_ text: String) throws(ParseError) -> [KprobeRecord] {
        var records: [KprobeRecord] = []
        let endsWithNewline = text.hasSuffix("\n")
        let lines = Array(TextLines(text))
        for (index, line) in lines.enumerated() {
            if index == lines.count - 1, !endsWithNewline { break }
            if line.content.whitespaceFields.isEmpty { continue }
            records.append(try parseLine(line.content, number: line.number))
        }
        return records
    }

    public static func parseLine(_ line: Substring, number: Int) throws(ParseError) -> KprobeRecord {
        func fail(_ reason: String) -> ParseError {
            ParseError(format: format, location: .line(number), reason: reason)
        }
        var fields = line.whitespaceFields[...]
        guard fields.count >= 3, fields.count <= 5 else { throw fail("expected 3 to 5 fields, found \(fields.count)") }
        guard let address = parseHex(fields[0]) else { throw fail("address '\(fields[0])' is not hexadecimal") }
        guard let kind = KprobeRecord.Kind(rawValue: String(fields[1])) else {
            throw fail("probe type '\(fields[1])' is not k or r")
        }
        let location = fields[2]
        fields = fields.dropFirst(3)

        var record = KprobeRecord(address: address, kind: kind, symbol: nil)
        if let tags = fields.last, tags.hasPrefix("["), !isModuleTag(tags, after: location) {
            record.flags = try parseFlags(tags, fail: fail)
            fields = fields.dropLast()
        }
        if let moduleField = fields.first {
            guard fields.count == 1 else { throw fail("unexpected field '\(fields.last ?? "")' after the module") }
            record.module = isModuleTag(moduleField, after: location) ? String(moduleField.dropFirst().dropLast()) : String(moduleField)
        }

        if let plus = location.lastIndex(of: "+") {
            let name = location[..<plus]
            let offsetText = location[location.index(after: plus)...].split(separator: "/", omittingEmptySubsequences: false)[0]
            guard !name.isEmpty, let offset = parseHex(offsetText) else {
                throw fail("probe location '\(location)' is not symbol+offset")
            }
            record.symbol = String(name)
            record.offset = offset
        } else {
            guard location.hasPrefix("0x"), parseHex(location) != nil else {
                throw fail("probe location '\(location)' is neither symbol+offset nor an address")
            }
        }
        return record
    }

    /// `%pS` prints a module as `[name]`, which only follows a `sym+off/size` location.
    private static func isModuleTag(_ field: Substring, after location: Substring) -> Bool {
        location.contains("/") && field.hasPrefix("[") && field.hasSuffix("]") && field.count > 2
            && !field.contains("][") && KprobeRecord.Flags(tag: field.dropFirst().dropLast()) == nil
    }

    /// `[DISABLED][FTRACE]` and the like.
    private static func parseFlags(_ text: Substring, fail: (String) -> ParseError) throws(ParseError) -> KprobeRecord.Flags {
        guard text.hasPrefix("["), text.hasSuffix("]") else { throw fail("flags '\(text)' are not in brackets") }
        var flags: KprobeRecord.Flags = []
        for tag in text.dropFirst().dropLast().split(separator: "][", omittingEmptySubsequences: false) {
            guard let flag = KprobeRecord.Flags(tag: tag) else { throw fail("unknown flag '[\(tag)]' in '\(text)'") }
            flags.insert(flag)
        }
        return flags
    }
}
