import SystemPackage
import VigilCore

/// Reads kernel virtual memory through `/proc/kcore` below a `SystemRoot`.
///
/// `/proc/kcore` is an ELF core file whose `PT_LOAD` program headers map kernel
/// virtual address ranges to offsets in a sparse file about 2^56 bytes long.
/// The reader parses the headers once, keeps the file open and serves every
/// read with large `pread`s, so that regions of many megabytes can be read
/// every few seconds. It is immutable after `init` and safe to share.
public final class KernelMemoryReader: KernelMemorySource {
    /// The path read, as seen from the root.
    public static let path = "/proc/kcore"
    /// The largest single `pread`.
    static let chunkSize = 1 << 20

    public let root: SystemRoot
    /// The ELF header and program headers of the file.
    public let header: ELFImageHeader
    /// The `PT_LOAD` segments as address ranges backed by file offsets.
    public let map: KernelAddressMap
    private let descriptor: FileDescriptor

    /// Opens `/proc/kcore` (needs `CAP_SYS_RAWIO` on a host) and parses its program headers.
    /// - Throws: `LinuxError` naming the file: kind `.notSupported` with operation
    ///   `"parse ELF header"` when it is not a 64-bit little-endian ELF core file
    ///   with sane load segments; the errno of `open` or `pread` otherwise.
    public init(root: SystemRoot) throws(LinuxError) {
        let path = Self.path
        let descriptor = try FileDescriptor.openReadOnly(path, below: root)
        do throws(LinuxError) {
            header = try Self.readHeader(descriptor)
            map = try Self.addressMap(header)
        } catch {
            try? descriptor.close()
            throw error
        }
        self.root = root
        self.descriptor = descriptor
    }

    deinit {
        try? descriptor.close()
    }

    public func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(KernelMemoryError) {
        for piece in try map.plan(address, count: buffer.count) {
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[piece.bufferOffset ..< piece.bufferOffset + piece.count])
            let got: Int
            do throws(LinuxError) {
                got = try descriptor.readFully(at: piece.backingOffset, into: target, chunk: Self.chunkSize, path: Self.path)
            } catch {
                throw .readFailed(address: address &+ UInt64(piece.bufferOffset), cause: error)
            }
            guard got == piece.count else {
                throw .shortRead(address: address, requested: buffer.count, read: piece.bufferOffset + got)
            }
        }
    }

    public func isMapped(_ address: UInt64, count: Int) -> Bool {
        map.isMapped(address, count: count)
    }

    // MARK: - Internals

    /// Reads the ELF header, then as much of the file as its program header table needs.
    private static func readHeader(_ descriptor: FileDescriptor) throws(LinuxError) -> ELFImageHeader {
        do {
            let start = try readBytes(descriptor, at: 0, count: 64)
            let needed = try ELFHeaderParser.bytesNeeded(forHeader: start)
            // A hostile header could ask for gigabytes; kcore's table is a few kilobytes.
            let header = try ELFHeaderParser.parse(try readBytes(descriptor, at: 0, count: min(needed, 1 << 20)))
            guard header.fileType == ELFImageHeader.FileType.core.rawValue else {
                throw malformed("ELF type \(header.fileType), expected a core file (4)")
            }
            return header
        } catch let error as ParseError {
            throw malformed(error.description)
        } catch let error as LinuxError {
            throw error
        } catch {
            throw LinuxError(kind: .ioError, operation: "read ELF header", path: path, message: "\(error)")
        }
    }

    private static func addressMap(_ header: ELFImageHeader) throws(LinuxError) -> KernelAddressMap {
        var regions: [KernelAddressMap.Region] = []
        for (index, segment) in header.programHeaders.enumerated() where segment.type == ELFProgramHeader.load && segment.fileSize > 0 {
            let (_, addressOverflow) = segment.virtualAddress.addingReportingOverflow(segment.fileSize - 1)
            let (lastOffset, offsetOverflow) = segment.offset.addingReportingOverflow(segment.fileSize)
            guard !addressOverflow, !offsetOverflow, lastOffset <= UInt64(Int64.max) else {
                throw malformed("program header \(index) maps past the end of the address space or file")
            }
            regions.append(KernelAddressMap.Region(start: segment.virtualAddress, count: segment.fileSize, backingOffset: segment.offset))
        }
        return KernelAddressMap(regions)
    }

    private static func malformed(_ reason: String) -> LinuxError {
        LinuxError(kind: .notSupported, operation: "parse ELF header", path: path, message: reason)
    }

    private static func readBytes(_ descriptor: FileDescriptor, at offset: UInt64, count: Int) throws(LinuxError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { raw in
            Result { () throws(LinuxError) in try descriptor.readFully(at: offset, into: raw, chunk: chunkSize, path: path) }
        }
        return Array(bytes[..<(try got.get())])
    }
}
