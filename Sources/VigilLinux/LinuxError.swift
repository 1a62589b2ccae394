import SystemPackage

/// A failed operation on the Linux system, with the path and errno that explain it.
///
/// Readers throw this instead of raw `Errno` so that every message names the
/// file involved: "open /proc/kcore: Permission denied (errno 13)".
public struct LinuxError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case notFound
        case permissionDenied
        case notSupported
        case tooLarge
        case ioError
    }

    public var kind: Kind
    /// The system call or step that failed: `open`, `pread`, `stat`, `uname`.
    public var operation: String
    public var path: String
    public var errno: Int32?
    public var message: String

    public init(kind: Kind, operation: String, path: String, errno: Int32? = nil, message: String) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.errno = errno
        self.message = message
    }

    init(_ error: Errno, operation: String, path: String) {
        let kind: Kind = switch error {
        case .noSuchFileOrDirectory, .notDirectory: .notFound
        case .permissionDenied, .notPermitted: .permissionDenied
        case .notSupported, .invalidArgument, .noFunction: .notSupported
        default: .ioError
        }
        self.init(kind: kind, operation: operation, path: path, errno: error.rawValue, message: error.description)
    }

    public var description: String {
        let code = errno.map { " (errno \($0))" } ?? ""
        return "\(operation) \(path): \(message)\(code)"
    }
}
