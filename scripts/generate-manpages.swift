// Renders the manual pages vigil(8) and vigil.toml(5) in roff (man(7) macros).
//
//   swift scripts/generate-manpages.swift --help-json HELP.json --config config/vigil.toml \
//       --templates packaging/man --output DIR --version 0.1.0 --date 2026-01-31
//
// Nothing in the command reference is copied by hand: NAME, SYNOPSIS, the description, the
// commands, every option and the exit statuses come from the CLI itself, through
// `vigil --experimental-dump-help` (swift-argument-parser's description of the command tree,
// the same input as its generate-manual plugin); the keys of vigil.toml(5) come from the
// shipped config/vigil.toml, whose comments describe each key. The hand-written sections
// (FILES, SIGNALS, EXAMPLES, SEE ALSO, ...) live in packaging/man/*.in around @PLACEHOLDERS@.
// `make man` runs this; scripts/test-install checks that every option reaches the page.

import Foundation

// MARK: - The CLI's self-description (ArgumentParserToolInfo's ToolInfoV0, the parts used here)

struct ToolInfo: Decodable {
    var serializationVersion: Int
    var command: CommandInfo
}

struct CommandInfo: Decodable {
    var commandName: String
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool?
    var subcommands: [CommandInfo]?
    var arguments: [ArgumentInfo]?
}

struct ArgumentInfo: Decodable {
    struct Name: Decodable {
        var kind: String  // long, short, longWithSingleDash
        var name: String
    }
    var kind: String  // positional, option, flag
    var shouldDisplay: Bool?
    var isRepeating: Bool?
    var names: [Name]?
    var valueName: String?
    var defaultValue: String?
    var allValueStrings: [String]?
    var abstract: String?
    var discussion: String?

    var spelledNames: [String] {
        (names ?? []).map { name in
            switch name.kind {
            case "short": "-" + name.name
            case "longWithSingleDash": "-" + name.name
            default: "--" + name.name
            }
        }
    }
}

// MARK: - roff

/// Escapes text for a roff text line: backslashes, hyphens (so options copy as ASCII minus),
/// a leading control character; `code` becomes bold.
func roff(_ text: String) -> String {
    var escaped = text.replacingOccurrences(of: "\\", with: "\\e")
        .replacingOccurrences(of: "-", with: "\\-")
    let parts = escaped.split(separator: "`", omittingEmptySubsequences: false)
    if parts.count > 1, parts.count % 2 == 1 {
        escaped = parts.enumerated().map { index, part in
            index % 2 == 1 ? "\\fB" + part + "\\fR" : String(part)
        }.joined()
    }
    return escaped.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : String(line)
    }.joined(separator: "\n")
}

/// A quoted macro argument.
func quoted(_ text: String) -> String {
    "\"" + roff(text).replacingOccurrences(of: "\"", with: "\\(dq") + "\""
}

func bold(_ text: String) -> String { "\\fB" + roff(text) + "\\fR" }
func italic(_ text: String) -> String { "\\fI" + roff(text) + "\\fR" }

/// Splits help text into paragraphs (blank-line separated), each on one line.
func paragraphs(_ text: String?) -> [String] {
    guard let text else { return [] }
    return text.components(separatedBy: "\n\n")
        .map { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
        .filter { !$0.isEmpty }
}

let exitStatusPrefix = "Exit status:"

/// A command's discussion without its "Exit status: ..." paragraph, which goes to EXIT STATUS.
func descriptionParagraphs(_ command: CommandInfo) -> [String] {
    paragraphs(command.discussion).filter { !$0.hasPrefix(exitStatusPrefix) }
}

func exitStatus(_ command: CommandInfo) -> String? {
    paragraphs(command.discussion).first { $0.hasPrefix(exitStatusPrefix) }
        .map { String($0.dropFirst(exitStatusPrefix.count)).trimmingCharacters(in: .whitespaces) }
}

// MARK: - vigil(8)

struct ManualPage {
    var root: CommandInfo

    var commands: [CommandInfo] {
        (root.subcommands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }
    }

    /// Options every command has (--help, --version): listed once, under the root.
    var commonNames: Set<String> {
        Set((root.arguments ?? []).flatMap(\.spelledNames))
    }

    func ownArguments(_ command: CommandInfo) -> [ArgumentInfo] {
        (command.arguments ?? []).filter { argument in
            argument.shouldDisplay != false && commonNames.isDisjoint(with: argument.spelledNames)
        }
    }

    /// The abstract as a NAME line: "vigil \- a Linux kernel runtime guard: ...".
    var nameLine: String {
        var abstract = root.abstract ?? ""
        if abstract.hasSuffix(".") { abstract.removeLast() }
        let firstWord = abstract.prefix { $0 != " " }
        if let first = abstract.first, firstWord.dropFirst().allSatisfy(\.isLowercase) {  // not "BPF"
            abstract = first.lowercased() + abstract.dropFirst()
        }
        return "\(roff(root.commandName)) \\- \(roff(abstract))"
    }

    var synopsis: String {
        var lines: [String] = []
        for command in commands {
            lines.append(".SY \(roff(root.commandName))")
            lines.append(".B \(roff(command.commandName))")
            let arguments = ownArguments(command)
            if arguments.count <= 6 {
                for argument in arguments where argument.kind != "positional" {
                    let name = argument.spelledNames.last ?? ""
                    if argument.kind == "option" {
                        lines.append(".OP \(roff(name)) \(roff(argument.valueName ?? "value"))")
                    } else {
                        lines.append(".OP \(roff(name))")
                    }
                }
            } else {
                lines.append(".RI [ options ]")
            }
            lines.append(".YS")
        }
        let common = (root.arguments ?? []).filter { $0.shouldDisplay != false }
        if !common.isEmpty {
            lines.append(".SY \(roff(root.commandName))")
            lines.append(common.map { bold($0.spelledNames.last ?? "") }.joined(separator: " | "))
            lines.append(".YS")
        }
        return lines.joined(separator: "\n")
    }

    var description: String {
        descriptionParagraphs(root).map(roff).joined(separator: "\n.PP\n")
    }

    var commandsSection: String {
        commands.map { command in
            var lines = [".TP", ".B \(roff(root.commandName + " " + command.commandName))"]
            if let abstract = command.abstract { lines.append(roff(abstract)) }
            for paragraph in descriptionParagraphs(command) {
                lines.append(".IP")
                lines.append(roff(paragraph))
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    func item(_ argument: ArgumentInfo) -> String {
        var tag = argument.spelledNames.map(bold).joined(separator: ", ")
        if argument.kind == "positional" {
            tag = italic(argument.valueName ?? "value")
        } else if argument.kind == "option" {
            tag += " " + italic(argument.valueName ?? "value")
        }
        var lines = [".TP", tag]
        var abstract = argument.abstract ?? ""
        if let value = argument.defaultValue, !value.isEmpty, !abstract.contains("(default:") {
            abstract += " (default: \(value))"
        }
        if let values = argument.allValueStrings, !values.isEmpty,
           !values.allSatisfy({ abstract.contains($0) }) {
            abstract += " One of: " + values.joined(separator: ", ") + "."
        }
        lines.append(roff(abstract))
        for paragraph in paragraphs(argument.discussion) {
            lines.append(".IP")
            lines.append(roff(paragraph))
        }
        return lines.joined(separator: "\n")
    }

    var options: String {
        var lines: [String] = []
        for command in commands {
            let arguments = ownArguments(command)
            guard !arguments.isEmpty else { continue }
            lines.append(".SS \(quoted(root.commandName + " " + command.commandName))")
            lines.append(contentsOf: arguments.map(item))
        }
        let common = (root.arguments ?? []).filter { $0.shouldDisplay != false }
        if !common.isEmpty {
            lines.append(".SS \(quoted("Every command"))")
            lines.append(contentsOf: common.map(item))
        }
        return lines.joined(separator: "\n")
    }

    var exitStatusSection: String {
        var lines: [String] = []
        if let general = exitStatus(root) {
            lines.append(".PP")
            lines.append(roff(general))
        }
        for command in commands {
            guard let status = exitStatus(command) else { continue }
            lines.append(".TP")
            lines.append(".B \(roff(root.commandName + " " + command.commandName))")
            lines.append(roff(status))
        }
        return lines.joined(separator: "\n")
    }

    /// Every option the page must show, for the test that keeps the page and the CLI together.
    var allOptionNames: [String] {
        ((root.arguments ?? []) + commands.flatMap { ownArguments($0) }).flatMap(\.spelledNames)
    }
}

// MARK: - vigil.toml(5), from the commented default configuration

/// Reads config/vigil.toml: a section is a comment block between two rules of dashes; a key is
/// a comment paragraph followed by `# key = value` (its default, or an example where the
/// comment says the key is unset by default) and any further example lines.
struct ConfigurationReference {
    struct Key {
        var name: String
        var lines: [String]  // as written after "# "
        var description: String
    }
    struct Section {
        var title: String
        var introduction: String
        var keys: [Key] = []
    }

    var sections: [Section] = []

    init(text: String) throws {
        let rule = #/^#\s*-{20,}\s*$/#
        let keyLine = #/^#\s?([a-z_]+) = (.*)$/#
        var inHeader = false
        var header: [String] = []
        var comment: [String] = []
        var current: Key?
        var started = false

        func closeKey() {
            if let key = current {
                if sections.isEmpty { sections.append(Section(title: "Keys", introduction: "")) }
                sections[sections.count - 1].keys.append(key)
            }
            current = nil
        }

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine).trimmingCharacters(in: .whitespaces)
            if line.wholeMatch(of: rule) != nil {
                closeKey()
                comment = []
                if inHeader {
                    let text = header.joined(separator: " ")
                    sections.append(Self.section(from: text))
                    header = []
                }
                inHeader.toggle()
                started = true
                continue
            }
            guard started else { continue }  // the file's own preamble: the page has its own
            if inHeader {
                header.append(Self.commentText(line))
                continue
            }
            if line.isEmpty {
                closeKey()
                comment = []
                continue
            }
            guard line.hasPrefix("#") else {
                throw GeneratorError("config: an uncommented line '\(line)': the shipped file must change nothing")
            }
            if let match = line.wholeMatch(of: keyLine) {
                let name = String(match.1)
                if current?.name == name {
                    current?.lines.append(String(line.dropFirst(2)))
                } else {
                    closeKey()
                    current = Key(name: name, lines: ["\(name) = \(match.2)"], description: comment.joined(separator: " "))
                    comment = []
                }
            } else if current != nil {
                current?.lines.append(String(line.dropFirst(2)))  // continuation of an example array
            } else {
                comment.append(Self.commentText(line))
            }
        }
        closeKey()
        guard sections.contains(where: { !$0.keys.isEmpty }) else {
            throw GeneratorError("config: no keys found")
        }
    }

    static func commentText(_ line: String) -> String {
        var text = Substring(line)
        if text.hasPrefix("#") { text = text.dropFirst() }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// "Process integrity: each task's ..." becomes the title "Process integrity" and the
    /// introduction "Each task's ...".
    static func section(from text: String) -> Section {
        let colon = text.range(of: ": ")
        let period = text.range(of: ". ") ?? (text.hasSuffix(".") ? text.index(before: text.endIndex)..<text.endIndex : nil)
        let end = [colon, period].compactMap { $0 }.min { $0.lowerBound < $1.lowerBound }
        guard let end else { return Section(title: text, introduction: "") }
        var rest = text[end.upperBound...].trimmingCharacters(in: .whitespaces)
        if let first = rest.first { rest = first.uppercased() + rest.dropFirst() }
        return Section(title: String(text[..<end.lowerBound]), introduction: rest)
    }

    var roffText: String {
        var lines: [String] = []
        for section in sections where !section.keys.isEmpty {
            lines.append(".SS \(quoted(section.title))")
            if !section.introduction.isEmpty {
                lines.append(roff(section.introduction))
            }
            for key in section.keys {
                lines.append(".TP")
                let first = key.lines[0]
                let value = first.dropFirst(key.name.count + 3)
                lines.append("\(bold(key.name)) = \(roff(String(value)))")
                lines.append(roff(key.description))
                if key.lines.count > 1 {
                    lines.append(".IP")
                    lines.append("Also written:")
                    lines.append(".RS")
                    lines.append(".nf")
                    lines.append(contentsOf: key.lines.dropFirst().map { roff($0) })
                    lines.append(".fi")
                    lines.append(".RE")
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}

// MARK: - main

struct GeneratorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func fill(template path: String, _ values: [String: String]) throws -> String {
    var text = try String(contentsOfFile: path, encoding: .utf8)
    for (key, value) in values {
        text = text.replacingOccurrences(of: "@\(key)@", with: value)
    }
    if let leftover = text.firstMatch(of: #/@[A-Z_]+@/#) {
        throw GeneratorError("\(path): no value for \(leftover.0)")
    }
    return text
}

func main() throws {
    var options: [String: String] = [:]
    var arguments = CommandLine.arguments.dropFirst()
    while let flag = arguments.popFirst() {
        guard flag.hasPrefix("--"), let value = arguments.popFirst() else {
            throw GeneratorError("usage: generate-manpages.swift --help-json FILE --config FILE --templates DIR --output DIR --version V --date YYYY-MM-DD")
        }
        options[String(flag.dropFirst(2))] = value
    }
    func option(_ name: String) throws -> String {
        guard let value = options[name] else { throw GeneratorError("missing --\(name)") }
        return value
    }

    let data = try Data(contentsOf: URL(fileURLWithPath: try option("help-json")))
    let tool = try JSONDecoder().decode(ToolInfo.self, from: data)
    guard tool.serializationVersion == 0 else {
        throw GeneratorError("--experimental-dump-help serialization version \(tool.serializationVersion) is not the 0 this generator reads")
    }
    let page = ManualPage(root: tool.command)
    let templates = try option("templates")
    let output = try option("output")
    let common = ["VERSION": roff(try option("version")), "DATE": try option("date")]

    let vigil = try fill(template: templates + "/vigil.8.in", common.merging([
        "NAME": page.nameLine,
        "SYNOPSIS": page.synopsis,
        "DESCRIPTION": page.description,
        "COMMANDS": page.commandsSection,
        "OPTIONS": page.options,
        "EXIT_STATUS": page.exitStatusSection,
    ]) { $1 })
    try vigil.write(toFile: output + "/vigil.8", atomically: true, encoding: .utf8)

    let configuration = try ConfigurationReference(text: String(contentsOfFile: try option("config"), encoding: .utf8))
    let toml = try fill(template: templates + "/vigil.toml.5.in", common.merging(["KEYS": configuration.roffText]) { $1 })
    try toml.write(toFile: output + "/vigil.toml.5", atomically: true, encoding: .utf8)

    // The option names the page documents, one a line, for scripts/test-install.
    try (page.allOptionNames.joined(separator: "\n") + "\n")
        .write(toFile: output + "/vigil.8.options", atomically: true, encoding: .utf8)
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("generate-manpages: \(error)\n".utf8))
    exit(1)
}
