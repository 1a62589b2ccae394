/// What a reader got from an optional kernel facility: the parsed value, or
/// why it cannot be had (not mounted, not built in, not permitted, garbled).
public enum Availability<Value: Sendable>: Sendable {
    case available(Value)
    case unavailable(Unavailability)

    public var value: Value? {
        if case .available(let value) = self { return value }
        return nil
    }

    public var unavailability: Unavailability? {
        if case .unavailable(let reason) = self { return reason }
        return nil
    }
}

extension Availability: Equatable where Value: Equatable {}

/// Why a facility's file could not be read, naming the file.
public struct Unavailability: Equatable, Sendable, Codable, CustomStringConvertible {
    public enum Cause: String, Sendable, Codable {
        /// The filesystem that would hold the file (tracefs, debugfs) is not mounted.
        case notMounted
        /// Mounted, but the file does not exist: the kernel was built without the feature.
        case missing
        /// The reader lacks the privilege (these files are root-only) or lockdown forbids it.
        case permissionDenied
        /// Another read error.
        case unreadable
        /// Read, but the contents did not parse.
        case malformed
    }

    public var cause: Cause
    /// The file or mount point concerned, as seen from the system root.
    public var path: String
    public var reason: String

    public init(cause: Cause, path: String, reason: String) {
        self.cause = cause
        self.path = path
        self.reason = reason
    }

    public var description: String { reason }
}
