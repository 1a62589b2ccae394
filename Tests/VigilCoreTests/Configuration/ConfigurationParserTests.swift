import Testing
@testable import VigilCore

@Suite("configuration file: TOML subset")
struct ConfigurationParserTests {
    private func parse(_ text: String) throws(ConfigurationError) -> TOMLDocument {
        try TOMLDocument(text: text, path: "test.toml")
    }

    @Test func readsEveryValueType() throws {
        let document = try parse("""
            basic = "a \\"quoted\\" word"
            literal = 'C:\\no\\escapes'
            integer = -1_000
            positive = +42
            zero = 0
            float = 0.5
            exponent = 1e3
            negative_float = -2.5E-1
            yes = true
            no = false
            empty = []
            """)
        #expect(document.entry("basic")?.value.content == .string("a \"quoted\" word"))
        #expect(document.entry("literal")?.value.content == .string("C:\\no\\escapes"))
        #expect(document.entry("integer")?.value.content == .integer(-1000))
        #expect(document.entry("positive")?.value.content == .integer(42))
        #expect(document.entry("zero")?.value.content == .integer(0))
        #expect(document.entry("float")?.value.content == .float(0.5))
        #expect(document.entry("exponent")?.value.content == .float(1000))
        #expect(document.entry("negative_float")?.value.content == .float(-0.25))
        #expect(document.entry("yes")?.value.content == .boolean(true))
        #expect(document.entry("no")?.value.content == .boolean(false))
        #expect(document.entry("empty")?.value.content == .array([]))
        #expect(document.entries.map(\.line) == Array(1...11))
        #expect(document.entry("integer")?.value.text == "-1_000")
    }

    @Test func decodesEscapes() throws {
        let document = try parse(#"s = "tab\there\nnew \\ \" \u00e9 \U0001F600 \b\f\r""#)
        #expect(document.entry("s")?.value.string == "tab\there\nnew \\ \" \u{e9} \u{1F600} \u{08}\u{0C}\r")
    }

    @Test func skipsCommentsBlankLinesAndCarriageReturns() throws {
        let document = try parse("\u{FEFF}# heading\r\n\r\n   \t\r\nkey = 1 # trailing\r\n# another\r\nother = 'x'#tight\r\n")
        #expect(document.entries.map(\.key) == ["key", "other"])
        #expect(document.entries.map(\.line) == [4, 6])
    }

    @Test func readsArraysOnOneLineOrSeveral() throws {
        let document = try parse("""
            one = ["a", 'b' ,"c"]
            trailing = ["a",]
            several = [
                # a comment before the first
                "/usr/local/sbin/x",   # why

                '/opt/y',
            ]
            after = 1
            """)
        #expect(document.entry("one")?.value.array?.compactMap(\.string) == ["a", "b", "c"])
        #expect(document.entry("trailing")?.value.array?.compactMap(\.string) == ["a"])
        let several = try #require(document.entry("several")?.value)
        #expect(several.line == 3)
        #expect(several.array?.compactMap(\.string) == ["/usr/local/sbin/x", "/opt/y"])
        #expect(several.array?.map(\.line) == [5, 7])
        #expect(several.array?.map(\.text) == ["\"/usr/local/sbin/x\"", "'/opt/y'"])
        #expect(document.entry("after")?.line == 9)
    }

    @Test func keepsTablesApart() throws {
        let document = try parse("""
            top = 1
            [umh]
            enforce = 2
            [modules]
            enforce = 0
            """)
        #expect(document.tables == [TOMLDocument.Table(name: "umh", line: 2), TOMLDocument.Table(name: "modules", line: 4)])
        #expect(document.entry("top")?.table == nil)
        #expect(document.entry("enforce", in: "umh")?.value.integer == 2)
        #expect(document.entry("enforce", in: "modules")?.value.integer == 0)
        #expect(document.entry("enforce") == nil)
    }

    @Test(arguments: [
        ("a = 1\nb = \"open\nc = 2", 2, "unterminated string: the closing \" is missing on this line"),
        ("a = 'open", 1, "unterminated string: the closing ' is missing on this line"),
        ("a = \"ends with backslash\\", 1, "unterminated string: the closing \" is missing on this line"),
        ("\n\ninterval = 5 seconds", 3, "unexpected 'seconds' after the value of 'interval'; only a comment (#) may follow on the line"),
        ("a = \"x\" \"y\"", 1, "unexpected '\"y\"' after the value of 'a'; only a comment (#) may follow on the line"),
        ("[umh] extra", 1, "unexpected 'extra' after the table header; only a comment (#) may follow on the line"),
        ("kint_validate = 3\n# note\nkint_validate = 2", 3, "duplicate key 'kint_validate'; it was first set on line 1"),
        ("[t]\n[t]", 2, "table [t] appears twice; it was first opened on line 1"),
        ("t = 1\n[t]", 2, "table [t] clashes with the key 't' set on line 1"),
        ("a =\nb = 1", 1, "missing value for 'a'"),
        ("a = # nothing", 1, "missing value for 'a'"),
        ("a 3", 1, "expected '=' after the key 'a', found '3'"),
        ("a", 1, "expected '=' and a value after the key 'a'"),
        ("= 3", 1, "expected a key, found '='"),
        ("\"quoted\" = 1", 1, "quoted keys are not supported; write the key bare (letters, digits, '_' and '-')"),
        ("lkrg.kint_validate = 3", 1, "dotted key 'lkrg.kint_validate' is not supported; LKRG's sysctl lkrg.kint_validate is written 'kint_validate' here"),
        ("umh.enforce = 1", 1, "dotted key 'umh.enforce' is not supported; write each key at the top level"),
        ("a = [\n  \"x\",\n  \"y\"\n", 1, "unterminated array for 'a': the closing ] is missing"),
        ("a = [\"x\" \"y\"]", 1, "expected ',' or ']' in the array of 'a', found '\"'"),
        ("a = [,]", 1, "expected a value in the array of 'a', found ','"),
        ("a = [\"x\",,]", 1, "expected a value in the array of 'a', found ','"),
        ("a = [[\"x\"]]", 1, "nested arrays are not supported in 'a'"),
        ("a = {b = 1}", 1, "inline tables ({…}) are not supported"),
        ("[[servers]]", 1, "arrays of tables ([[…]]) are not supported"),
        ("[a.b]", 1, "nested tables ([a.…]) are not supported"),
        ("[a", 1, "expected ']' to close the table header [a"),
        ("a = \"\"\"long\"\"\"", 1, "multi-line strings (\"\"\") are not supported"),
        ("a = '''long'''", 1, "multi-line strings (''') are not supported"),
        ("log_level = info", 1, "info is not a value; write text in quotes (\"info\"), booleans as true or false"),
        ("a = True", 1, "True is not a value; write text in quotes (\"True\"), booleans as true or false"),
        ("a = \"\\q\"", 1, "invalid escape '\\q' in a string; use \\\" \\\\ \\b \\t \\n \\f \\r \\uXXXX or \\UXXXXXXXX"),
        ("a = \"\\u12\"", 1, "\\u needs exactly 4 hexadecimal digits"),
        ("a = \"\\uD800\"", 1, "\\uD800 is not a Unicode scalar value"),
        ("a = \"bell\u{07}\"", 1, "control character U+0007 is not allowed; write it as an escape in a \"…\" string"),
        ("a = 007", 1, "007 is not accepted: leading zeros are not allowed"),
        ("a = 0x10", 1, "0x10 is not accepted: write integers in decimal"),
        ("a = inf", 1, "inf is not accepted: inf and nan are not numbers of anything here"),
        ("a = .5", 1, ".5 is not accepted: write a digit before the decimal point (0.5)"),
        ("a = 1979-05-27", 1, "1979-05-27 is not accepted: dates and times are not supported"),
        ("a = 1__0", 1, "1__0 is not a value; write text in quotes (\"1__0\"), booleans as true or false"),
        ("a = 1.", 1, "1. is not a value; write text in quotes (\"1.\"), booleans as true or false"),
        ("a = 99999999999999999999", 1, "99999999999999999999 is too large for an integer"),
        ("a = 1\rb = 2", 1, "a carriage return must be followed by a newline"),
    ])
    func refusesWithTheLine(text: String, line: Int, message: String) {
        do {
            _ = try parse(text)
            Issue.record("\(text.debugDescription) must be refused")
        } catch {
            #expect(error.path == "test.toml")
            #expect(error.line == line)
            #expect(error.message == message)
            #expect(error.description == "test.toml:\(line): \(message)")
        }
    }

    @Test func namesTheKeyInValueErrors() {
        do {
            _ = try parse("ok = 1\numh_allow = [\n  'a',\n  'b\n]")
            Issue.record("must be refused")
        } catch {
            #expect(error.line == 4)
            #expect(error.key == "umh_allow")
        }
    }
}
