/// Why a byte or text parser rejected its input.
///
/// Every parser in `VigilCore` throws this error, naming the format, where in the
/// input the problem is and what was expected, so that a report can say exactly
/// which kernel file looked wrong.
public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The format being parsed, for example `"kallsyms"` or `"ELF header"`.
    public var format: String
    /// A line number (1-based) for text formats, a byte offset for binary ones.
    public var location: Location
    /// What was wrong, as a sentence fragment: `"expected 3 fields, found 2"`.
    public var reason: String

    public enum Location: Equatable, Sendable {
        case line(Int)
        case byteOffset(Int)
        case whole
    }

    public init(format: String, location: Location, reason: String) {
        self.format = format
        self.location = location
        self.reason = reason
    }

    public var description: String {
        switch location {
        case .line(let line): return "\(format), line \(line): \(reason)"
        case .byteOffset(let offset): return "\(format), byte \(offset): \(reason)"
        case .whole: return "\(format): \(reason)"
        }
    }
}
