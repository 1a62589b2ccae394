import SystemPackage

/// Reads kernel pseudo-files (`/proc`, `/sys`) and large sparse files
/// (`/proc/kcore`) below a `SystemRoot`, turning every failure into a
/// `LinuxError` that names the file.
///
/// Pseudo-files report a size of zero, so whole-file reads go until end of
/// file, bounded by a limit the caller chooses.
public struct KernelFileReader: Sendable {
    public var root: SystemRoot

    public init(root: SystemRoot) {
        self.root = root
    }

    /// Whether `path` exists (following links).
    public func exists(_ path: String) -> Bool {
        (try? status(path)) != nil
    }

    public func isDirectory(_ path: String) -> Bool {
        guard let mode = try? status(path).mode else { return false }
        return mode & 0o170000 == 0o040000
    }

    /// The size stat reports; zero for most pseudo-files.
    public func size(_ path: String) throws(LinuxError) -> Int {
        try status(path).size
    }

    /// Reads the whole file as UTF-8 text, up to `limit` bytes.
    /// - Throws: `LinuxError` with kind `.tooLarge` when the file is longer than `limit`.
    public func readText(_ path: String, limit: Int = 1 << 20) throws(LinuxError) -> String {
        let bytes = try readBytes(path, limit: limit)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads the whole file, up to `limit` bytes.
    public func readBytes(_ path: String, limit: Int = 1 << 20) throws(LinuxError) -> [UInt8] {
        var truncated = false
        let bytes = try readPrefix(path, upTo: limit, chunk: 64 << 10) { _ in true } truncated: { truncated = $0 }
        if truncated {
            throw LinuxError(kind: .tooLarge, operation: "read", path: path, message: "longer than the \(limit)-byte limit")
        }
        return bytes
    }

    /// Reads from the start of the file in chunks until `keepGoing` returns
    /// false for the bytes read so far, end of file, or `limit` bytes.
    public func readPrefix(
        _ path: String, upTo limit: Int, chunk: Int = 64 << 10,
        while keepGoing: ([UInt8]) -> Bool
    ) throws(LinuxError) -> [UInt8] {
        try readPrefix(path, upTo: limit, chunk: chunk, while: keepGoing) { _ in }
    }

    /// Reads `count` bytes at `offset` (pread), for large files such as /proc/kcore.
    /// Returns fewer bytes only at end of file.
    public func read(_ path: String, at offset: UInt64, count: Int) throws(LinuxError) -> [UInt8] {
        try withOpenFile(path) { descriptor throws(LinuxError) in
            var buffer = [UInt8](repeating: 0, count: count)
            let filled = buffer.withUnsafeMutableBytes { raw in
                Result { () throws(LinuxError) in try descriptor.readFully(at: offset, into: raw, path: path) }
            }
            return Array(buffer[..<(try filled.get())])
        }
    }

    // MARK: - Internals

    private func readPrefix(
        _ path: String, upTo limit: Int, chunk: Int,
        while keepGoing: ([UInt8]) -> Bool, truncated: (Bool) -> Void
    ) throws(LinuxError) -> [UInt8] {
        try withOpenFile(path) { descriptor throws(LinuxError) in
            var result: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: max(1, chunk))
            while true {
                let got: Int
                do {
                    got = try buffer.withUnsafeMutableBytes { try descriptor.read(into: $0, retryOnInterrupt: true) }
                } catch let error as Errno {
                    throw LinuxError(error, operation: "read", path: path)
                } catch {
                    throw LinuxError(kind: .ioError, operation: "read", path: path, message: "\(error)")
                }
                if got == 0 { truncated(false); return result }
                let room = limit - result.count
                if got > room {
                    result.append(contentsOf: buffer[..<room])
                    truncated(true)
                    return result
                }
                result.append(contentsOf: buffer[..<got])
                if !keepGoing(result) { truncated(false); return result }
            }
        }
    }

    private func withOpenFile<T>(_ path: String, _ body: (FileDescriptor) throws(LinuxError) -> T) throws(LinuxError) -> T {
        let descriptor = try FileDescriptor.openReadOnly(path, below: root)
        defer { try? descriptor.close() }
        return try body(descriptor)
    }

    private func status(_ path: String) throws(LinuxError) -> FileStatus {
        try FileStatus.of(root.resolve(path), reportedAs: path)
    }
}
