/// Parses tracefs `enabled_functions` and `touched_functions` (same format).
///
/// `t_show()` in kernel/trace/ftrace.c prints, per record:
///
///     name[ [module]] (count)FLAGS[\ttramp: T (F)[ ->C]]…[ ->C][\tops: O (F)]
///     \tdirect-->D
///
/// FLAGS are two-character columns, `" R"`/`"  "`, then I and D (v6.1), then O
/// and a three-character `" M "` (v6.4 on, so v6.12); `tramp:` repeats once per
/// ops with a trampoline; ` ->C` follows `tramp:` (or the flags, when there is no
/// trampoline) only where the architecture names the called function; `direct-->`
/// is a second line. Every T, F, C, O and D is printed with `%pS`.
public enum FtraceEnabledFunctionsParser {
    /// The kernel's placeholder for a record whose address has no symbol;
    /// `t_show()` prints it alone on its line.
    static let invalidAddressPrefix = "__ftrace_invalid_address__"

    /// Parses every complete line of `text`; `file` names the source in errors.
    /// A final line without its newline (a read cut short) is ignored.
    public static func parse(_ text: String, file: String = "enabled_functions") throws(ParseError) -> [FtraceHookedFunction] {
        var functions: [FtraceHookedFunction] = []
        let endsWithNewline = text.hasSuffix("\n")
        let lines = Array(TextLines(text))
        for (index, line) in lines.enumerated() {
            if index == lines.count - 1, !endsWithNewline { break }
            let content = line.content
            if content.allSatisfy({ $0 == " " }) { continue }
            if content.hasPrefix("\t") {
                guard var last = functions.popLast() else {
                    throw ParseError(format: file, location: .line(line.number), reason: "continuation line before any function")
                }
                try parseContinuation(content.dropFirst(), into: &last, file: file, number: line.number)
                functions.append(last)
            } else if let function = try parseFunctionLine(content, file: file, number: line.number) {
                functions.append(function)
            }
        }
        return functions
    }

    /// Parses one function line; nil for the kernel's invalid-address placeholder.
    static func parseFunctionLine(_ line: Substring, file: String, number: Int) throws(ParseError) -> FtraceHookedFunction? {
        func fail(_ reason: String) -> ParseError {
            ParseError(format: file, location: .line(number), reason: reason)
        }
        let segments = line.split(separator: "\t", omittingEmptySubsequences: true)
        guard let head = segments.first else { throw fail("empty function line") }
        guard let open = head.firstRange(of: " (") else {
            if head.hasPrefix(invalidAddressPrefix) { return nil }
            throw fail("expected ' (count)' after the function name in '\(head)'")
        }
        let (name, module) = try splitModule(head[..<open.lowerBound], fail: fail)

        var rest = head[open.upperBound...]
        guard let close = rest.firstIndex(of: ")"), let count = Int(rest[..<close]), count >= 0 else {
            throw fail("reference count in '\(head[open.lowerBound...])' is not a number in parentheses")
        }
        rest = rest[rest.index(after: close)...]

        var function = FtraceHookedFunction(name: name, module: module, referenceCount: count)
        while let letter = rest.first, letter != "-" {
            rest = rest.dropFirst()
            if letter == " " { continue }
            guard let flag = FtraceHookedFunction.Flags(letter: letter) else {
                throw fail("unknown flag '\(letter)' after the count")
            }
            function.flags.insert(flag)
        }
        if !rest.isEmpty {
            guard rest.hasPrefix("->"), let callback = SymbolizedAddressScanner.parse(trimmingTrailingSpaces(rest.dropFirst(2))) else {
                throw fail("expected ' -><symbol>' after the flags, found '\(rest)'")
            }
            function.callback = callback
        }

        for segment in segments.dropFirst() {
            try parseSegment(segment, into: &function, fail: fail)
        }
        return function
    }

    /// `tramp: …`, `tramp: ERROR!`, `ops: …` or `ops: ERROR!`.
    private static func parseSegment(
        _ segment: Substring, into function: inout FtraceHookedFunction, fail: (String) -> ParseError
    ) throws(ParseError) {
        let text = trimmingTrailingSpaces(segment)
        if text == "tramp: ERROR!" {
            function.trampolineLookupFailed = true
        } else if text == "ops: ERROR!" {
            function.opsLookupFailed = true
        } else if text.hasPrefix("tramp: ") {
            var rest = text.dropFirst("tramp: ".count)
            guard let (location, handler) = scanPair(&rest) else {
                throw fail("expected 'tramp: <trampoline> (<handler>)', found '\(text)'")
            }
            var trampoline = FtraceHookedFunction.Trampoline(location: location, handler: handler)
            if rest.hasPrefix(" ->") {
                rest = rest.dropFirst(3)
                guard let callback = SymbolizedAddressScanner.scan(&rest) else {
                    throw fail("expected a symbol after '->' in '\(text)'")
                }
                trampoline.callback = callback
            }
            function.subOperations += try scanSubOperations(rest, in: text, fail: fail)
            function.trampolines.append(trampoline)
        } else if text.hasPrefix("ops: ") {
            var rest = text.dropFirst("ops: ".count)
            guard let (ops, handler) = scanPair(&rest) else {
                throw fail("expected 'ops: <ops> (<handler>)', found '\(text)'")
            }
            function.subOperations += try scanSubOperations(rest, in: text, fail: fail)
            function.callOps = FtraceHookedFunction.CallOps(ops: ops, handler: handler)
        } else {
            throw fail("unknown field '\(text)'")
        }
    }

    /// The second line of a record: `direct--><target>`.
    private static func parseContinuation(
        _ text: Substring, into function: inout FtraceHookedFunction, file: String, number: Int
    ) throws(ParseError) {
        let body = trimmingTrailingSpaces(text)
        guard body.hasPrefix("direct-->"), let target = SymbolizedAddressScanner.parse(body.dropFirst("direct-->".count)) else {
            throw ParseError(format: file, location: .line(number), reason: "expected '\\tdirect--><target>', found '\(body)'")
        }
        function.directTarget = target
    }

    /// `<address> (<address>)`.
    private static func scanPair(_ text: inout Substring) -> (SymbolizedAddress, SymbolizedAddress)? {
        var rest = text
        guard let first = SymbolizedAddressScanner.scan(&rest), rest.hasPrefix(" (") else { return nil }
        rest = rest.dropFirst(2)
        guard let second = SymbolizedAddressScanner.scan(&rest), rest.hasPrefix(")") else { return nil }
        text = rest.dropFirst()
        return (first, second)
    }

    /// ` {…} {…}` groups up to the end of the segment, verbatim.
    private static func scanSubOperations(_ text: Substring, in segment: Substring, fail: (String) -> ParseError) throws(ParseError) -> [String] {
        var groups: [String] = []
        var rest = text
        while !rest.isEmpty {
            guard rest.hasPrefix(" {"), let close = rest.firstIndex(of: "}") else {
                throw fail("unexpected '\(rest)' at the end of '\(segment)'")
            }
            groups.append(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return groups
    }

    /// `name` or `name [module]`.
    private static func splitModule(_ field: Substring, fail: (String) -> ParseError) throws(ParseError) -> (String, String?) {
        var name = field
        var module: String?
        if field.hasSuffix("]"), let open = field.firstRange(of: " [") {
            name = field[..<open.lowerBound]
            module = String(field[open.upperBound..<field.index(before: field.endIndex)])
            guard module?.isEmpty == false else { throw fail("empty module name in '\(field)'") }
        }
        guard !name.isEmpty, !name.contains(" ") else { throw fail("function name '\(field)' is empty or has spaces") }
        return (String(name), module)
    }

    private static func trimmingTrailingSpaces(_ text: Substring) -> Substring {
        var result = text
        while result.last == " " { result = result.dropLast() }
        return result
    }
}
