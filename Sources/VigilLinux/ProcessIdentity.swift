#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Who this process runs as.
public enum ProcessIdentity {
    /// The effective user id. The corresponding C function is `geteuid`.
    public static func effectiveUserID() -> UInt32 {
        UInt32(geteuid())
    }
}
