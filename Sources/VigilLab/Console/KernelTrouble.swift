/// A kernel log line that says the guest kernel itself went wrong (panic, oops, BUG, WARN).
public struct KernelTrouble: Equatable, Sendable, Codable, CustomStringConvertible {
    /// Where the line was seen.
    public enum Source: String, Sendable, Codable {
        /// The serial console (`console.log`, ttyS0).
        case console
        /// The `DMESG` lines of the result channel.
        case dmesg
    }

    public var source: Source
    /// The 1-based line within that source.
    public var line: Int
    /// The pattern that matched (`Kernel panic`, `BUG:` ...).
    public var pattern: String
    /// The line itself.
    public var text: String

    public init(source: Source, line: Int, pattern: String, text: String) {
        self.source = source
        self.line = line
        self.pattern = pattern
        self.text = text
    }

    public var description: String { "\(source.rawValue) line \(line): \(text)" }
}
