#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Acting on other processes and on the kernel as a whole.
public enum ProcessControl {
    /// Sends SIGKILL to a process. The corresponding C function is `kill`.
    public static func sendKill(pid: UInt32) throws(LinuxError) {
        guard kill(pid_t(pid), SIGKILL) == 0 else {
            let code = errno
            throw LinuxError(kind: code == ESRCH ? .notFound : .permissionDenied, operation: "kill", path: "pid \(pid)",
                             errno: code, message: String(cString: strerror(code)))
        }
    }

    /// Crashes the kernel through the magic SysRq trigger (`pint_enforce=2`).
    /// Works whatever kernel.sysrq says, for root.
    public static func panicKernel(root: SystemRoot = .host) throws(LinuxError) {
        let path = root.resolve("/proc/sysrq-trigger")
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw LinuxError(kind: .permissionDenied, operation: "open", path: "/proc/sysrq-trigger", errno: code, message: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var command: UInt8 = UInt8(ascii: "c")
        _ = write(descriptor, &command, 1)
    }
}
