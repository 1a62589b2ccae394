import Foundation

/// Quoting for command lines shown to people (in messages and reports).
enum ShellWord {
    /// `word` as is when it only has safe characters, else in single quotes.
    static func quoteIfNeeded(_ word: String) -> String {
        let safe = !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:+,@%".contains($0)) }
        return safe ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
