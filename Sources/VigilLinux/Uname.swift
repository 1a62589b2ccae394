#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The running kernel's identification, from `uname(2)`.
public struct Uname: Sendable, Equatable {
    public var release: String
    public var machine: String

    /// The corresponding C function is `uname`.
    public static func current() throws(LinuxError) -> Uname {
        var names = utsname()
        guard uname(&names) == 0 else {
            let code = errno
            throw LinuxError(kind: .ioError, operation: "uname", path: "-", errno: code, message: String(cString: strerror(code)))
        }
        return Uname(release: field(&names.release), machine: field(&names.machine))
    }

    private static func field<T>(_ tuple: inout T) -> String {
        withUnsafeBytes(of: &tuple) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
