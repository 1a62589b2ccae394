import SystemPackage

/// Opening and positional reads of kernel files with every failure as a
/// `LinuxError` naming the file: shared by `KernelFileReader` (one read per
/// open) and `KernelMemoryReader` (which keeps /proc/kcore open).
extension FileDescriptor {
    /// Opens `path` below `root` read-only and close-on-exec. The corresponding C function is `open`.
    static func openReadOnly(_ path: String, below root: SystemRoot) throws(LinuxError) -> FileDescriptor {
        do {
            return try FileDescriptor.open(FilePath(root.resolve(path)), .readOnly, options: [.closeOnExec])
        } catch let error as Errno {
            throw LinuxError(error, operation: "open", path: path)
        } catch {
            throw LinuxError(kind: .ioError, operation: "open", path: path, message: "\(error)")
        }
    }

    /// `pread`s into `buffer` from `offset`, in calls of at most `chunk` bytes, retrying
    /// interrupted calls, until it is full or the file ends. `path` names the file in errors.
    /// - Returns: the bytes read, fewer than `buffer.count` only at end of file.
    func readFully(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer, chunk: Int = .max, path: String) throws(LinuxError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let length = Swift.min(chunk, buffer.count - filled)
            let got: Int
            do {
                got = try read(
                    fromAbsoluteOffset: Int64(offset) + Int64(filled),
                    into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled ..< filled + length]),
                    retryOnInterrupt: true
                )
            } catch let error as Errno {
                throw LinuxError(error, operation: "pread", path: path)
            } catch {
                throw LinuxError(kind: .ioError, operation: "pread", path: path, message: "\(error)")
            }
            if got == 0 { break }
            filled += got
        }
        return filled
    }
}
