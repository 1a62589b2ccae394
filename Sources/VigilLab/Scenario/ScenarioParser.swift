/// Reads the text of a `.scenario` file.
///
/// The file starts with `key: value` header lines (`#` starts a comment when it follows a blank or
/// begins the line), then `--- setup`, `--- action` and `--- verdict` sections of busybox sh.
/// Every mistake is reported as a ``ScenarioParseError`` naming the file and line.
public struct ScenarioParser: Sendable {
    /// The header keys a scenario may use.
    public static let headerKeys = ["name", "summary", "kernels", "expect", "timeout", "cmdline"]
    /// The longest timeout a scenario may ask for, in seconds.
    public static let maximumTimeoutSeconds = 3600

    public init() {}

    /// Parses one scenario.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the path used in error messages; its last component (without `.scenario`)
    ///     must equal the `name:` header.
    ///   - group: the folder the file lives in.
    public func parse(_ text: String, file: String, group: String) throws(ScenarioParseError) -> Scenario {
        var state = ParseState(file: file)
        let lines = text.linesKeepingEmpty
        for (index, line) in lines.enumerated() {
            try state.consume(line, number: index + 1)
        }
        return try state.finish(group: group, endLine: max(lines.count, 1))
    }
}

/// The parser's progress through one file.
private struct ParseState {
    let file: String
    var header: [String: (value: String, line: Int)] = [:]
    var sections: [ScenarioSection: [String]] = [:]
    var sectionLines: [ScenarioSection: Int] = [:]
    var currentSection: ScenarioSection?

    init(file: String) {
        self.file = file
    }

    func error(_ line: Int?, _ message: String) -> ScenarioParseError {
        ScenarioParseError(file: file, line: line, message: message)
    }

    mutating func consume(_ line: String, number: Int) throws(ScenarioParseError) {
        if line.hasPrefix("---") {
            try startSection(line, number: number)
        } else if let section = currentSection {
            sections[section, default: []].append(line)
        } else {
            try consumeHeader(line, number: number)
        }
    }

    mutating func startSection(_ line: String, number: Int) throws(ScenarioParseError) {
        let name = String(line.dropFirst(3)).trimmingBlanks()
        guard let section = ScenarioSection(rawValue: name) else {
            let known = ScenarioSection.allCases.map(\.rawValue).joined(separator: ", ")
            let shown = name.isEmpty ? "a section line without a name" : "unknown section '\(name)'"
            throw error(number, "\(shown); sections are: \(known)")
        }
        if let first = sectionLines[section] {
            throw error(number, "duplicate section '\(name)' (first on line \(first))")
        }
        sectionLines[section] = number
        sections[section] = []
        currentSection = section
    }

    mutating func consumeHeader(_ line: String, number: Int) throws(ScenarioParseError) {
        let content = line.removingComment().trimmingBlanks()
        if content.isEmpty {
            return
        }
        guard let colon = content.firstIndex(of: ":") else {
            throw error(number, "expected 'key: value' or a '--- section' line, found '\(content)'")
        }
        let key = String(content[..<colon]).trimmingBlanks()
        let value = String(content[content.index(after: colon)...]).trimmingBlanks()
        guard ScenarioParser.headerKeys.contains(key) else {
            let known = ScenarioParser.headerKeys.joined(separator: ", ")
            throw error(number, "unknown header key '\(key)'; keys are: \(known)")
        }
        if let first = header[key] {
            throw error(number, "duplicate header key '\(key)' (first on line \(first.line))")
        }
        header[key] = (value, number)
    }

    func finish(group: String, endLine: Int) throws(ScenarioParseError) -> Scenario {
        let name = try parseName()
        let expect = try parseExpect()
        var parsed = Scenario(name: name, group: group, expect: expect, sections: [:])
        parsed.summary = header["summary"]?.value ?? ""
        parsed.kernels = try parseKernels()
        parsed.timeoutSeconds = try parseTimeout()
        parsed.kernelArguments = header["cmdline"].map { $0.value.split(separator: " ").map(String.init) } ?? []
        for section in ScenarioSection.allCases {
            guard let body = sections[section] else {
                if section == .setup {
                    continue
                }
                throw error(nil, "missing section '--- \(section.rawValue)'")
            }
            if section != .setup, !body.contains(where: Self.isCommand) {
                throw error(sectionLines[section], "section '\(section.rawValue)' has no commands")
            }
            parsed.sections[section] = Self.joinedBody(body)
        }
        return parsed
    }

    func parseName() throws(ScenarioParseError) -> String {
        guard let (value, line) = header["name"] else {
            throw error(nil, "missing header 'name:'")
        }
        guard !value.isEmpty, value.allSatisfy(Self.isNameCharacter) else {
            throw error(line, "name '\(value)' may only use letters, digits, '.', '_' and '-'")
        }
        let fileName = file.split(separator: "/").last.map(String.init) ?? file
        let stem = fileName.hasSuffix(".scenario") ? String(fileName.dropLast(".scenario".count)) : fileName
        guard stem == value else {
            throw error(line, "name '\(value)' differs from the file name '\(fileName)'; they must match")
        }
        return value
    }

    func parseExpect() throws(ScenarioParseError) -> ExpectedVerdict {
        guard let (value, line) = header["expect"] else {
            throw error(nil, "missing header 'expect:'")
        }
        guard let expect = ExpectedVerdict(rawValue: value) else {
            let known = ExpectedVerdict.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(line, "unknown expect value '\(value)'; use one of: \(known)")
        }
        return expect
    }

    func parseKernels() throws(ScenarioParseError) -> KernelSelection {
        guard let (value, line) = header["kernels"] else {
            return .all
        }
        let words = value.split(separator: " ").map(String.init)
        if words == ["all"] {
            return .all
        }
        guard !words.isEmpty else {
            throw error(line, "kernels: needs 'all' or a list of series such as '6.1 6.12'")
        }
        for word in words where !Self.isSeries(word) {
            throw error(line, "'\(word)' is not a kernel series; write 'all' or MAJOR.MINOR values such as '6.1 6.12'")
        }
        return .series(words)
    }

    func parseTimeout() throws(ScenarioParseError) -> Int {
        guard let (value, line) = header["timeout"] else {
            return Scenario.defaultTimeoutSeconds
        }
        guard let seconds = Int(value), seconds > 0, seconds <= ScenarioParser.maximumTimeoutSeconds else {
            throw error(line, "timeout '\(value)' must be a whole number of seconds from 1 to \(ScenarioParser.maximumTimeoutSeconds)")
        }
        return seconds
    }

    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character))
    }

    static func isSeries(_ word: String) -> Bool {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }
    }

    static func isCommand(_ line: String) -> Bool {
        let trimmed = line.trimmingBlanks()
        return !trimmed.isEmpty && !trimmed.hasPrefix("#")
    }

    /// The section's lines without the blank lines that only separate it from the next one.
    static func joinedBody(_ lines: [String]) -> String {
        var body = lines
        while let last = body.last, last.trimmingBlanks().isEmpty {
            body.removeLast()
        }
        while let first = body.first, first.trimmingBlanks().isEmpty {
            body.removeFirst()
        }
        return body.isEmpty ? "" : body.joined(separator: "\n") + "\n"
    }
}
