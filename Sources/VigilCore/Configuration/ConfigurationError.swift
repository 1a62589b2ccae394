/// Why a configuration file was refused: where, which key, and what to write instead.
///
/// `description` reads like a compiler's diagnostic, so editors and people can jump to it:
/// `/etc/vigil/vigil.toml:12: umh_enforce = 5 is not allowed; use 0, 1 or 2 (0 log, 1 prevent, 2 panic)`.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as it was named to the loader.
    public var path: String
    /// The line (from 1) the problem is on, when it is on one.
    public var line: Int?
    /// The key concerned, when one is.
    public var key: String?
    /// One sentence, without the location.
    public var message: String

    public init(path: String, line: Int?, key: String? = nil, message: String) {
        self.path = path
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}
