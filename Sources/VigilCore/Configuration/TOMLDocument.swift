/// A configuration file in a strict subset of TOML 1.0, read without any dependency.
///
/// Accepted: comments, blank lines, one-level `[table]` headers, and `key = value` with bare
/// keys, where a value is a basic string (`"…"`, escapes `\" \\ \b \t \n \f \r \uXXXX
/// \UXXXXXXXX`), a literal string (`'…'`), a decimal integer (sign and `_` separators
/// allowed), a decimal number (`0.5`, `1e3`), `true` or `false`, or an array of such scalars
/// on one line or several, with comments and a trailing comma allowed.
///
/// Refused, each with its line: duplicate keys and tables, anything after a value but a
/// comment, unterminated strings and arrays, and what this subset leaves out (dotted and
/// quoted keys, multi-line strings, inline tables, arrays of tables, nested arrays, dates,
/// hexadecimal, octal and binary integers, `inf` and `nan`).
public struct TOMLDocument: Sendable, Equatable {
    /// One `key = value` line.
    public struct Entry: Sendable, Equatable {
        /// The table the key sits in; nil at the top level.
        public var table: String?
        public var key: String
        /// The line (from 1) the key is on.
        public var line: Int
        public var value: TOMLValue

        public init(table: String?, key: String, line: Int, value: TOMLValue) {
            self.table = table
            self.key = key
            self.line = line
            self.value = value
        }
    }

    /// One `[name]` header.
    public struct Table: Sendable, Equatable {
        public var name: String
        public var line: Int

        public init(name: String, line: Int) {
            self.name = name
            self.line = line
        }
    }

    /// The path the text was read from, for messages.
    public let path: String
    /// Every key, in file order.
    public let entries: [Entry]
    /// Every table header, in file order.
    public let tables: [Table]

    /// Parses `text`, naming `path` in errors.
    public init(text: String, path: String) throws(ConfigurationError) {
        var parser = TOMLParser(text: text, path: path)
        try parser.parse()
        self.path = path
        entries = parser.entries
        tables = parser.tables
    }

    /// The entry for `key` in `table` (nil: the top level).
    public func entry(_ key: String, in table: String? = nil) -> Entry? {
        entries.first { $0.key == key && $0.table == table }
    }
}
