#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The parts of `stat(2)` the readers need.
struct FileStatus: Sendable {
    var mode: UInt32
    var size: Int

    /// The corresponding C function is `stat`.
    static func of(_ realPath: String, reportedAs path: String) throws(LinuxError) -> FileStatus {
        var buffer = stat()
        let result = realPath.withCString { stat($0, &buffer) }
        guard result == 0 else {
            let code = errno
            let message = String(cString: strerror(code))
            let kind: LinuxError.Kind = code == ENOENT || code == ENOTDIR ? .notFound : (code == EACCES || code == EPERM ? .permissionDenied : .ioError)
            throw LinuxError(kind: kind, operation: "stat", path: path, errno: code, message: message)
        }
        return FileStatus(mode: UInt32(buffer.st_mode), size: Int(buffer.st_size))
    }
}
