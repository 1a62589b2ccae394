/// One line of `/proc/modules`.
public struct LoadedModule: Equatable, Sendable, Codable {
    public enum State: String, Sendable, Codable {
        case live = "Live"
        case loading = "Loading"
        case unloading = "Unloading"
    }

    public var name: String
    public var size: UInt64
    public var referenceCount: Int
    public var dependents: [String]
    public var state: State
    /// The load address; zero when `kptr_restrict` hides it.
    public var address: UInt64
    /// Taint flags in parentheses, for example `OE` for an out-of-tree unsigned module.
    public var taints: String

    public init(name: String, size: UInt64, referenceCount: Int, dependents: [String], state: State, address: UInt64, taints: String) {
        self.name = name
        self.size = size
        self.referenceCount = referenceCount
        self.dependents = dependents
        self.state = state
        self.address = address
        self.taints = taints
    }
}

/// Parses `/proc/modules`: `name size refcount deps state address [(taints)]`.
public enum ProcModulesParser {
    public static func parse(_ text: String) throws(ParseError) -> [LoadedModule] {
        var modules: [LoadedModule] = []
        for line in TextLines(text) where !line.content.isEmpty {
            modules.append(try parseLine(line.content, number: line.number))
        }
        return modules
    }

    static func parseLine(_ line: Substring, number: Int) throws(ParseError) -> LoadedModule {
        func fail(_ reason: String) -> ParseError {
            ParseError(format: "/proc/modules", location: .line(number), reason: reason)
        }
        let fields = line.whitespaceFields
        guard fields.count == 6 || fields.count == 7 else {
            throw fail("expected 6 or 7 fields, found \(fields.count)")
        }
        guard let size = UInt64(fields[1]) else { throw fail("size '\(fields[1])' is not a number") }
        guard let references = Int(fields[2]) else { throw fail("reference count '\(fields[2])' is not a number") }
        let dependents: [String] = fields[3] == "-" ? [] : fields[3].split(separator: ",").map(String.init)
        guard let state = LoadedModule.State(rawValue: String(fields[4])) else {
            throw fail("state '\(fields[4])' is not Live, Loading or Unloading")
        }
        guard let address = parseHex(fields[5]) else { throw fail("address '\(fields[5])' is not hexadecimal") }
        var taints = ""
        if fields.count == 7 {
            let tag = fields[6]
            guard tag.hasPrefix("("), tag.hasSuffix(")") else { throw fail("taint flags '\(tag)' are not in parentheses") }
            taints = String(tag.dropFirst().dropLast())
        }
        return LoadedModule(
            name: String(fields[0]), size: size, referenceCount: references, dependents: dependents,
            state: state, address: address, taints: taints
        )
    }
}
