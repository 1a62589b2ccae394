/// A mistake in a scenario file, located by file and line like a compiler diagnostic.
public struct ScenarioParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the caller named it (a path, usually relative to the package root).
    public var file: String
    /// The 1-based line the mistake is on, or `nil` when it concerns the whole file.
    public var line: Int?
    /// A sentence saying what is wrong and, where possible, what is allowed.
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the form editors and terminals turn into links.
    public var description: String {
        if let line {
            return "\(file):\(line): \(message)"
        }
        return "\(file): \(message)"
    }
}
