import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A stream Unix-domain socket: a listening control socket or one connection,
/// non-blocking, read and written in newline-delimited lines. Closed on deinit.
public final class UnixSocket: @unchecked Sendable {
    public let descriptor: Int32
    public let path: String
    private var pending: [UInt8] = []
    private var unsent: [UInt8] = []

    /// Lines longer than this are refused: the control protocol's requests are small.
    public static let maximumLineBytes = 64 << 10

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    /// Binds and listens at `path`, readable and writable by root only (mode 0600);
    /// a stale socket file left by a dead daemon is replaced.
    public static func listen(at path: String) throws(LinuxError) -> UnixSocket {
        let descriptor = try makeSocket(path: path)
        unlink(path)
        let bound = withAddress(path) { address, length in bind(descriptor, address, length) }
        guard bound == 0 else {
            let error = LinuxError(Errno(rawValue: errno), operation: "bind", path: path)
            close(descriptor)
            throw error
        }
        guard chmod(path, 0o600) == 0, Glibc.listen(descriptor, 16) == 0 else {
            let error = LinuxError(Errno(rawValue: errno), operation: "listen", path: path)
            close(descriptor)
            throw error
        }
        return UnixSocket(descriptor: descriptor, path: path)
    }

    /// Connects to the socket at `path` (blocking until connected, then non-blocking).
    public static func connect(to path: String) throws(LinuxError) -> UnixSocket {
        let descriptor = try makeSocket(path: path)
        let connected = withAddress(path) { address, length in Glibc.connect(descriptor, address, length) }
        guard connected == 0 else {
            let error = LinuxError(Errno(rawValue: errno), operation: "connect", path: path)
            close(descriptor)
            throw error
        }
        return UnixSocket(descriptor: descriptor, path: path)
    }

    /// The next waiting connection, or nil when there is none.
    public func accept() throws(LinuxError) -> UnixSocket? {
        let client = Glibc.accept(descriptor, nil, nil)
        guard client >= 0 else {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return nil }
            throw LinuxError(Errno(rawValue: errno), operation: "accept", path: path)
        }
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)
        _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
        return UnixSocket(descriptor: client, path: path)
    }

    /// The user id of the process at the other end (SO_PEERCRED).
    public func peerUserID() throws(LinuxError) -> UInt32 {
        // struct ucred (pid, uid, gid), which Glibc declares only under _GNU_SOURCE.
        var credentials = (pid: Int32(0), uid: UInt32(0), gid: UInt32(0))
        var length = socklen_t(MemoryLayout.size(ofValue: credentials))
        guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else {
            throw LinuxError(Errno(rawValue: errno), operation: "getsockopt SO_PEERCRED", path: path)
        }
        return credentials.uid
    }

    public enum ReadResult: Equatable, Sendable {
        case lines([String])
        /// The other end closed the connection (any complete lines come first).
        case closed([String])
    }

    /// Reads what has arrived without waiting and returns the complete lines.
    public func readLines() throws(LinuxError) -> ReadResult {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var closed = false
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                pending += buffer[0..<count]
                if pending.count > Self.maximumLineBytes, !pending.contains(UInt8(ascii: "\n")) {
                    throw LinuxError(kind: .tooLarge, operation: "read", path: path, message: "a line longer than \(Self.maximumLineBytes) bytes")
                }
                continue
            }
            if count == 0 { closed = true; break }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { break }
            throw LinuxError(Errno(rawValue: errno), operation: "read", path: path)
        }
        var lines: [String] = []
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(String(decoding: pending[..<newline], as: UTF8.self))
            pending.removeSubrange(...newline)
        }
        return closed ? .closed(lines) : .lines(lines)
    }

    /// Queues a line and writes as much as the socket takes now; false when more than
    /// `limit` bytes are already waiting (a slow reader: the caller drops the line).
    @discardableResult
    public func send(line: String, limit: Int = 1 << 20) throws(LinuxError) -> Bool {
        guard unsent.count <= limit else { return false }
        unsent += Array(line.utf8)
        unsent.append(UInt8(ascii: "\n"))
        try flush()
        return true
    }

    /// Writes what is queued, without waiting.
    public func flush() throws(LinuxError) {
        while !unsent.isEmpty {
            // MSG_NOSIGNAL: a client that went away is an EPIPE here, not a SIGPIPE that kills the daemon.
            let written = unsent.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written > 0 {
                unsent.removeFirst(written)
                continue
            }
            if written < 0, errno == EINTR { continue }
            if written < 0, errno == EAGAIN || errno == EWOULDBLOCK { return }
            throw LinuxError(Errno(rawValue: errno), operation: "write", path: path)
        }
    }

    public var hasUnsentData: Bool { !unsent.isEmpty }

    /// Waits until a line can be read or `timeoutMilliseconds` pass (-1: no limit).
    public func waitReadable(timeoutMilliseconds: Int32) {
        var descriptors = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptors, 1, timeoutMilliseconds)
    }

    private static func makeSocket(path: String) throws(LinuxError) -> Int32 {
        guard path.utf8.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path) else {
            throw LinuxError(kind: .tooLarge, operation: "socket", path: path, message: "the path is too long for a Unix socket")
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw LinuxError(Errno(rawValue: errno), operation: "socket", path: path) }
        return descriptor
    }

    private static func withAddress<Result>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8))
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}
