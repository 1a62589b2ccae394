/// The kernel build configuration (`/boot/config-<release>`).
public struct KernelConfig: Equatable, Sendable {
    /// Option name (with its `CONFIG_` prefix) to value: `y`, `m`, a number or a quoted string.
    /// Options written as `# CONFIG_X is not set` map to `n`.
    public var options: [String: String]

    public init(options: [String: String]) {
        self.options = options
    }

    public func isEnabled(_ name: String) -> Bool {
        guard let value = options[name] else { return false }
        return value == "y" || value == "m"
    }

    public subscript(_ name: String) -> String? { options[name] }
}

public enum KernelConfigParser {
    public static func parse(_ text: String) throws(ParseError) -> KernelConfig {
        var options: [String: String] = [:]
        for line in TextLines(text) {
            let content = line.content
            if content.isEmpty { continue }
            if content.hasPrefix("#") {
                let words = content.whitespaceFields
                if words.count == 5, words[1].hasPrefix("CONFIG_"), words[2] == "is", words[3] == "not", words[4] == "set" {
                    options[String(words[1])] = "n"
                }
                continue
            }
            guard let equals = content.firstIndex(of: "="), content.hasPrefix("CONFIG_") else {
                throw ParseError(format: "kernel config", location: .line(line.number), reason: "expected CONFIG_NAME=value")
            }
            let name = String(content[..<equals])
            guard name.count > "CONFIG_".count, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ParseError(format: "kernel config", location: .line(line.number), reason: "'\(name)' is not an option name")
            }
            options[name] = String(content[content.index(after: equals)...])
        }
        return KernelConfig(options: options)
    }
}
