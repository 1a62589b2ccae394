/// Parsers for the securityfs files that describe the active security modules.
public enum SecurityFSParser {
    /// Parses `/sys/kernel/security/lsm`: a comma-separated list without a newline,
    /// for example `lockdown,capability,landlock,yama,apparmor,bpf`.
    public static func parseLSMList(_ text: String) throws(ParseError) -> [String] {
        let trimmed = text.trimmingNewlines()
        guard !trimmed.isEmpty else {
            throw ParseError(format: "lsm list", location: .whole, reason: "empty")
        }
        let names = trimmed.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for name in names where name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            throw ParseError(format: "lsm list", location: .whole, reason: "'\(name)' is not a security module name")
        }
        return names
    }

    /// Parses `/sys/kernel/security/lockdown`, for example
    /// `[none] integrity confidentiality`, returning the bracketed mode.
    public static func parseLockdown(_ text: String) throws(ParseError) -> LockdownMode {
        let words = Substring(text.trimmingNewlines()).whitespaceFields
        let selected = words.filter { $0.hasPrefix("[") && $0.hasSuffix("]") }
        guard selected.count == 1, let word = selected.first else {
            throw ParseError(format: "lockdown", location: .whole, reason: "expected exactly one [selected] mode in '\(text.trimmingNewlines())'")
        }
        let name = String(word.dropFirst().dropLast())
        guard let mode = LockdownMode(rawValue: name) else {
            throw ParseError(format: "lockdown", location: .whole, reason: "unknown lockdown mode '\(name)'")
        }
        return mode
    }
}

/// The kernel lockdown level (`security/lockdown`).
public enum LockdownMode: String, Sendable, Codable, CaseIterable {
    case none
    case integrity
    case confidentiality
}

extension String {
    /// The string without trailing newlines and carriage returns.
    func trimmingNewlines() -> String {
        var end = endIndex
        while end > startIndex {
            let previous = index(before: end)
            guard self[previous] == "\n" || self[previous] == "\r" else { break }
            end = previous
        }
        return String(self[..<end])
    }
}
