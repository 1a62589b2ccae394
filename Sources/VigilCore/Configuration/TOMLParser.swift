/// The scanner behind `TOMLDocument`: one pass over the text's Unicode scalars, counting lines.
struct TOMLParser {
    private let scalars: [Unicode.Scalar]
    private let path: String
    private var index = 0
    private var line = 1
    private var table: String?
    /// Where each key (`table.key`) and table was first set.
    private var keyLines: [String: Int] = [:]
    private var tableLines: [String: Int] = [:]

    private(set) var entries: [TOMLDocument.Entry] = []
    private(set) var tables: [TOMLDocument.Table] = []

    init(text: String, path: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
        self.path = path
    }

    mutating func parse() throws(ConfigurationError) {
        while true {
            skipSpaces()
            guard let scalar = peek() else { return }
            switch scalar {
            case "\n", "\r":
                try consumeNewline()
            case "#":
                try skipComment()
            case "[":
                try parseTableHeader()
                try expectEndOfLine(after: "the table header")
            default:
                let key = try parseKeyValue()
                try expectEndOfLine(after: "the value of '\(key)'", key: key)
            }
        }
    }

    // MARK: Lines

    private mutating func parseTableHeader() throws(ConfigurationError) {
        let headerLine = line
        index += 1
        if peek() == "[" { throw error("arrays of tables ([[…]]) are not supported") }
        skipSpaces()
        let name = try parseKey(what: "a table name")
        skipSpaces()
        if peek() == "." { throw error("nested tables ([\(name).…]) are not supported") }
        guard peek() == "]" else { throw error("expected ']' to close the table header [\(name)") }
        index += 1
        if let first = tableLines[name] {
            throw error("table [\(name)] appears twice; it was first opened on line \(first)")
        }
        if let first = keyLines[name] {
            throw error("table [\(name)] clashes with the key '\(name)' set on line \(first)")
        }
        tableLines[name] = headerLine
        tables.append(TOMLDocument.Table(name: name, line: headerLine))
        table = name
    }

    private mutating func parseKeyValue() throws(ConfigurationError) -> String {
        let keyLine = line
        let key = try parseKey(what: "a key")
        skipSpaces()
        if peek() == "." {
            let rest = readToken()
            let dotted = key + rest
            if key == "lkrg", rest.count > 1 {
                throw error("dotted key '\(dotted)' is not supported; LKRG's sysctl \(dotted) is written '\(rest.dropFirst())' here", key: dotted)
            }
            throw error("dotted key '\(dotted)' is not supported; write each key at the top level", key: dotted)
        }
        guard peek() == "=" else {
            if let scalar = peek(), scalar != "\n", scalar != "\r" {
                throw error("expected '=' after the key '\(key)', found '\(scalar)'", key: key)
            }
            throw error("expected '=' and a value after the key '\(key)'", key: key)
        }
        index += 1
        skipSpaces()
        let value = try parseValue(key: key, inArray: false)
        let qualified = table.map { "\($0).\(key)" } ?? key
        if let first = keyLines[qualified] {
            throw ConfigurationError(path: path, line: keyLine, key: key, message: "duplicate key '\(key)'; it was first set on line \(first)")
        }
        if table == nil, let first = tableLines[key] {
            throw ConfigurationError(path: path, line: keyLine, key: key, message: "key '\(key)' clashes with the table [\(key)] opened on line \(first)")
        }
        keyLines[qualified] = keyLine
        entries.append(TOMLDocument.Entry(table: table, key: key, line: keyLine, value: value))
        return key
    }

    /// A bare key: letters, digits, `_` and `-`.
    private mutating func parseKey(what: String) throws(ConfigurationError) -> String {
        if let quote = peek(), quote == "\"" || quote == "'" {
            throw error("quoted keys are not supported; write the key bare (letters, digits, '_' and '-')")
        }
        var key = ""
        while let scalar = peek(), Self.isBareKeyScalar(scalar) {
            key.unicodeScalars.append(scalar)
            index += 1
        }
        guard !key.isEmpty else {
            if let scalar = peek(), scalar != "\n", scalar != "\r" {
                throw error("expected \(what), found '\(scalar)'")
            }
            throw error("expected \(what)")
        }
        return key
    }

    /// After a value or header: spaces, then a comment, a newline or the end.
    private mutating func expectEndOfLine(after what: String, key: String? = nil) throws(ConfigurationError) {
        skipSpaces()
        guard let scalar = peek() else { return }
        switch scalar {
        case "#": try skipComment()
        case "\n", "\r": try consumeNewline()
        default:
            var rest = ""
            while let next = peek(), next != "\n", next != "\r", next != "#", rest.unicodeScalars.count < 24 {
                rest.unicodeScalars.append(next)
                index += 1
            }
            while rest.last == " " || rest.last == "\t" { rest.removeLast() }
            throw error("unexpected '\(rest)' after \(what); only a comment (#) may follow on the line", key: key)
        }
    }

    // MARK: Values

    private mutating func parseValue(key: String, inArray: Bool) throws(ConfigurationError) -> TOMLValue {
        let valueLine = line
        let start = index
        let content: TOMLValue.Content
        switch peek() {
        case nil, "\n", "\r", "#":
            throw error(inArray ? "expected a value in the array of '\(key)'" : "missing value for '\(key)'", key: key)
        case "\"":
            if lookahead("\"\"\"") { throw error("multi-line strings (\"\"\") are not supported", key: key) }
            content = .string(try parseBasicString(key: key))
        case "'":
            if lookahead("'''") { throw error("multi-line strings (''') are not supported", key: key) }
            content = .string(try parseLiteralString(key: key))
        case "[":
            if inArray { throw error("nested arrays are not supported in '\(key)'", key: key) }
            content = .array(try parseArray(key: key))
        case "{":
            throw error("inline tables ({…}) are not supported", key: key)
        default:
            content = try parseBareValue(key: key)
        }
        return TOMLValue(content, line: valueLine, text: text(from: start))
    }

    private mutating func parseBareValue(key: String) throws(ConfigurationError) -> TOMLValue.Content {
        let token = readToken()
        if token.isEmpty {
            let found = peek().map { "'\($0)'" } ?? "the end"
            throw error("expected a value for '\(key)', found \(found)", key: key)
        }
        if token == "true" { return .boolean(true) }
        if token == "false" { return .boolean(false) }
        switch TOMLNumber.parse(token) {
        case .integer(let value): return .integer(value)
        case .float(let value): return .float(value)
        case .outOfRange: throw error("\(token) is too large for an integer", key: key)
        case .unsupported(let reason): throw error("\(token) is not accepted: \(reason)", key: key)
        case .notANumber:
            throw error("\(token) is not a value; write text in quotes (\"\(token)\"), booleans as true or false", key: key)
        }
    }

    private mutating func parseBasicString(key: String) throws(ConfigurationError) -> String {
        index += 1
        var result = ""
        while true {
            guard let scalar = peek(), scalar != "\n", scalar != "\r" else {
                throw error("unterminated string: the closing \" is missing on this line", key: key)
            }
            index += 1
            switch scalar {
            case "\"":
                return result
            case "\\":
                result.unicodeScalars.append(try parseEscape(key: key))
            default:
                try checkNotControl(scalar, key: key)
                result.unicodeScalars.append(scalar)
            }
        }
    }

    private mutating func parseEscape(key: String) throws(ConfigurationError) -> Unicode.Scalar {
        guard let scalar = peek(), scalar != "\n", scalar != "\r" else {
            throw error("unterminated string: the closing \" is missing on this line", key: key)
        }
        index += 1
        switch scalar {
        case "\"": return "\""
        case "\\": return "\\"
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "u": return try parseHexScalar(digits: 4, key: key)
        case "U": return try parseHexScalar(digits: 8, key: key)
        default: throw error("invalid escape '\\\(scalar)' in a string; use \\\" \\\\ \\b \\t \\n \\f \\r \\uXXXX or \\UXXXXXXXX", key: key)
        }
    }

    private mutating func parseHexScalar(digits: Int, key: String) throws(ConfigurationError) -> Unicode.Scalar {
        var value: UInt32 = 0
        var written = ""
        for _ in 0..<digits {
            guard let scalar = peek(), let digit = Self.hexValue(scalar) else {
                throw error("\\\(digits == 4 ? "u" : "U") needs exactly \(digits) hexadecimal digits", key: key)
            }
            written.unicodeScalars.append(scalar)
            value = value << 4 | digit
            index += 1
        }
        guard let result = Unicode.Scalar(value) else {
            throw error("\\\(digits == 4 ? "u" : "U")\(written) is not a Unicode scalar value", key: key)
        }
        return result
    }

    private mutating func parseLiteralString(key: String) throws(ConfigurationError) -> String {
        index += 1
        var result = ""
        while true {
            guard let scalar = peek(), scalar != "\n", scalar != "\r" else {
                throw error("unterminated string: the closing ' is missing on this line", key: key)
            }
            index += 1
            if scalar == "'" { return result }
            try checkNotControl(scalar, key: key)
            result.unicodeScalars.append(scalar)
        }
    }

    private mutating func parseArray(key: String) throws(ConfigurationError) -> [TOMLValue] {
        let openLine = line
        index += 1
        var elements: [TOMLValue] = []
        while true {
            try skipSpacesNewlinesAndComments(unterminatedFrom: openLine, key: key)
            if peek() == "]" {
                index += 1
                return elements
            }
            if peek() == "," {
                throw error("expected a value in the array of '\(key)', found ','", key: key)
            }
            elements.append(try parseValue(key: key, inArray: true))
            try skipSpacesNewlinesAndComments(unterminatedFrom: openLine, key: key)
            switch peek() {
            case ",":
                index += 1
            case "]":
                index += 1
                return elements
            default:
                let found = peek().map { "'\($0)'" } ?? "the end"
                throw error("expected ',' or ']' in the array of '\(key)', found \(found)", key: key)
            }
        }
    }

    // MARK: Scanning

    private func peek() -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    private func lookahead(_ string: String) -> Bool {
        var position = index
        for scalar in string.unicodeScalars {
            guard position < scalars.count, scalars[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    private func text(from start: Int) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<index])
        return text
    }

    /// Characters up to a space, a delimiter or the end of the line.
    private mutating func readToken() -> String {
        var token = ""
        while let scalar = peek(), !Self.isTokenDelimiter(scalar) {
            token.unicodeScalars.append(scalar)
            index += 1
        }
        return token
    }

    private mutating func skipSpaces() {
        while let scalar = peek(), scalar == " " || scalar == "\t" { index += 1 }
    }

    private mutating func consumeNewline() throws(ConfigurationError) {
        if peek() == "\r" {
            index += 1
            guard peek() == "\n" else { throw error("a carriage return must be followed by a newline") }
        }
        index += 1
        line += 1
    }

    private mutating func skipComment() throws(ConfigurationError) {
        index += 1
        while let scalar = peek(), scalar != "\n", scalar != "\r" {
            try checkNotControl(scalar, key: nil)
            index += 1
        }
    }

    private mutating func skipSpacesNewlinesAndComments(unterminatedFrom openLine: Int, key: String) throws(ConfigurationError) {
        while true {
            skipSpaces()
            switch peek() {
            case nil:
                throw ConfigurationError(path: path, line: openLine, key: key, message: "unterminated array for '\(key)': the closing ] is missing")
            case "\n", "\r": try consumeNewline()
            case "#": try skipComment()
            default: return
            }
        }
    }

    private func checkNotControl(_ scalar: Unicode.Scalar, key: String?) throws(ConfigurationError) {
        if (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            throw error("control character U+\(String(repeating: "0", count: 4 - hex.count) + hex) is not allowed; write it as an escape in a \"…\" string", key: key)
        }
    }

    private func error(_ message: String, key: String? = nil) -> ConfigurationError {
        ConfigurationError(path: path, line: line, key: key, message: message)
    }

    private static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": true
        default: false
        }
    }

    private static func isTokenDelimiter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", ",", "[", "]", "{", "}", "#", "=", "\"", "'": true
        default: false
        }
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f": scalar.value - 0x61 + 10
        case "A"..."F": scalar.value - 0x41 + 10
        default: nil
        }
    }
}
