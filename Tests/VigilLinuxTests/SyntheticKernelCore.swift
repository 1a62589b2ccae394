import Foundation
import VigilLinux

/// Writes a small ELF core file shaped like `/proc/kcore` into a fresh
/// temporary system root, for tests of `KernelMemoryReader`.
struct SyntheticKernelCore {
    struct Segment {
        var type: UInt32 = 1
        var virtualAddress: UInt64
        var offset: UInt64
        var data: [UInt8]
        /// The `p_filesz` claimed; defaults to the data's length (more claims a truncated file).
        var claimedSize: UInt64?
    }

    var segments: [Segment]
    var magic: [UInt8] = [0x7F, 0x45, 0x4C, 0x46]
    var fileType: UInt16 = 4
    /// Cuts the file to this many bytes after writing it.
    var length: UInt64?

    /// The ELF header and program header table.
    var headerBytes: [UInt8] {
        var bytes = magic + [2, 1, 1] + [UInt8](repeating: 0, count: 9)
        bytes += le(UInt64(fileType), 2) + le(62, 2) + le(1, 4)
        bytes += le(0, 8) + le(64, 8) + le(0, 8)       // e_entry, e_phoff, e_shoff
        bytes += le(0, 4) + le(64, 2) + le(56, 2)      // e_flags, e_ehsize, e_phentsize
        bytes += le(UInt64(segments.count), 2) + le(64, 2) + le(0, 2) + le(0, 2)
        for segment in segments {
            let size = segment.claimedSize ?? UInt64(segment.data.count)
            bytes += le(UInt64(segment.type), 4) + le(7, 4) + le(segment.offset, 8)
            bytes += le(segment.virtualAddress, 8) + le(UInt64.max, 8) + le(size, 8) + le(size, 8) + le(4096, 8)
        }
        return bytes
    }

    /// Writes `<temporary>/proc/kcore` and returns the root above it.
    func write() throws -> SystemRoot {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-kcore-\(UUID().uuidString)")
        let proc = root.appendingPathComponent("proc")
        try FileManager.default.createDirectory(at: proc, withIntermediateDirectories: true)
        let file = proc.appendingPathComponent("kcore")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data(headerBytes))
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        for segment in segments {
            try handle.seek(toOffset: segment.offset)
            try handle.write(contentsOf: Data(segment.data))
        }
        if let length { try handle.truncate(atOffset: length) }
        return SystemRoot(path: root.path)
    }

    static func remove(_ root: SystemRoot) {
        try? FileManager.default.removeItem(atPath: root.path)
    }

    /// Bytes whose value depends on their position, so a misplaced copy shows.
    static func pattern(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) &+ seed }
    }

    private func le(_ value: UInt64, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
}
