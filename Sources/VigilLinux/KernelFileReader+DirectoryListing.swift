#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

extension KernelFileReader {
    /// The names in the directory `path` below the root, without `.` and `..`, sorted.
    ///
    /// The corresponding C functions are `opendir` and `readdir`.
    public func directoryEntries(_ path: String) throws(LinuxError) -> [String] {
        guard let directory = opendir(root.resolve(path)) else {
            throw LinuxError(Errno(rawValue: errno), operation: "opendir", path: path)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                let code = errno
                if code != 0 { throw LinuxError(Errno(rawValue: code), operation: "readdir", path: path) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
