/// Finds the lines of a kernel log that mean a run must fail whatever its verdict.
///
/// The patterns are case-sensitive substrings, as the kernel prints them: `Kernel panic`,
/// `BUG:`, `Oops`, `WARNING:` and `general protection`.
public struct KernelTroubleScanner: Sendable {
    /// The substrings that mark trouble.
    public var patterns: [String]

    /// The patterns every run is checked against.
    public static let defaultPatterns = ["Kernel panic", "BUG:", "Oops", "WARNING:", "general protection"]

    public init(patterns: [String] = KernelTroubleScanner.defaultPatterns) {
        self.patterns = patterns
    }

    /// The troubled lines of `lines`, in order, each reported once.
    public func scan(_ lines: [String], source: KernelTrouble.Source) -> [KernelTrouble] {
        var found: [KernelTrouble] = []
        for (index, line) in lines.enumerated() {
            if let pattern = patterns.first(where: { line.contains($0) }) {
                found.append(KernelTrouble(source: source, line: index + 1, pattern: pattern, text: line))
            }
        }
        return found
    }

    /// Scans console text, which may use `\r\n` line ends.
    public func scan(consoleText text: String) -> [KernelTrouble] {
        scan(LogLines.split(text), source: .console)
    }
}
