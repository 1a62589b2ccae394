import Testing
import VigilCore
@testable import VigilLinux

/// `KernelMemoryReader` on synthetic ELF core files and on the first 8 KB of
/// real `/proc/kcore` files captured from the lab kernels.
@Suite("kernel memory reader")
struct KernelMemoryReaderTests {
    static let low: UInt64 = 0xFFFF_8880_0000_0000
    static let text: UInt64 = 0xFFFF_FFFF_8100_0000
    static let first = SyntheticKernelCore.pattern(4096, seed: 1)
    static let second = SyntheticKernelCore.pattern(4096, seed: 2)
    /// Larger than one `pread` chunk, at a sparse offset beyond 4 GB.
    static let large = SyntheticKernelCore.pattern(3 << 20 | 123, seed: 3)

    /// A note, two load segments that touch in address space but not in the
    /// file, and a large one far away.
    static let core = SyntheticKernelCore(segments: [
        .init(type: 4, virtualAddress: 0, offset: 0x400, data: [1, 2, 3, 4]),
        .init(virtualAddress: low, offset: 0x10000, data: first),
        .init(virtualAddress: low + 4096, offset: 0x1000, data: second),
        .init(virtualAddress: text, offset: 1 << 32, data: large),
    ])

    /// Opens a reader on `core`; the file is removed at once, the reader keeps it open.
    static func reader(_ core: SyntheticKernelCore = core) throws -> KernelMemoryReader {
        let root = try core.write()
        defer { SyntheticKernelCore.remove(root) }
        return try KernelMemoryReader(root: root)
    }

    @Test func readsInsideOneSegment() throws {
        let reader = try Self.reader()
        #expect(reader.header.loadSegments.count == 3)
        #expect(reader.map.regions.count == 3)
        #expect(try reader.read(Self.low + 100, count: 16) == Array(Self.first[100..<116]))
        #expect(try reader.read(Self.low + 4096, count: 4096) == Self.second)
        #expect(try reader.read(Self.low, count: 0) == [])
    }

    @Test func readsAcrossContiguousSegments() throws {
        let reader = try Self.reader()
        let bytes = try reader.read(Self.low + 4000, count: 200)
        #expect(bytes == Array(Self.first[4000...] + Self.second[..<104]))
        #expect(reader.isMapped(Self.low, count: 8192))
    }

    @Test func readsLargeRegionsInChunks() throws {
        let reader = try Self.reader()
        var buffer = [UInt8](repeating: 0, count: Self.large.count)
        try buffer.withUnsafeMutableBytes { try reader.read(Self.text, into: $0) }
        #expect(buffer == Self.large)
        let tail = try reader.read(Self.text + UInt64(Self.large.count) - 8, as: UInt64.self)
        let expected = Self.large.suffix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(tail == expected)
    }

    @Test func unmappedAddressesNameTheFirstUncoveredByte() throws {
        let reader = try Self.reader()
        #expect(!reader.isMapped(0x1000, count: 1))
        #expect(!reader.isMapped(Self.low + 8000, count: 200))
        #expect(reader.isMapped(0x1000, count: 0))
        #expect(readError(reader, 0x1000, 8)?.isUnmapped(0x1000) == true)
        // The note segment maps nothing.
        #expect(readError(reader, 0, 4)?.isUnmapped(0) == true)
        let error = try #require(readError(reader, Self.low + 8000, 400))
        #expect(error.isUnmapped(Self.low + 8192))
        #expect(error.description == "kernel address 0xffff888000002000 is not mapped")
        #expect(readError(reader, Self.text + UInt64(Self.large.count), 1)?.isUnmapped(Self.text + UInt64(Self.large.count)) == true)
        #expect(readError(reader, UInt64.max - 1, 4)?.isUnmapped(UInt64.max - 1) == true)
    }

    @Test func aTruncatedFileIsAShortRead() throws {
        var core = Self.core
        core.segments.append(.init(virtualAddress: 0xFFFF_C900_0000_0000, offset: (1 << 32) + (4 << 20), data: [9, 9, 9, 9], claimedSize: 8192))
        let reader = try Self.reader(core)
        #expect(reader.isMapped(0xFFFF_C900_0000_0000, count: 8192))
        #expect(try reader.read(0xFFFF_C900_0000_0000, count: 4) == [9, 9, 9, 9])
        let error = try #require(readError(reader, 0xFFFF_C900_0000_0000, 100))
        guard case .shortRead(let address, let requested, let read) = error else {
            Issue.record("expected a short read, got \(error)")
            return
        }
        #expect(address == 0xFFFF_C900_0000_0000)
        #expect(requested == 100)
        #expect(read == 4)
        #expect(error.description.contains("0xffffc90000000000"))
    }

    @Test func badMagicIsAHeaderError() throws {
        var core = Self.core
        core.magic = [0x7F, 0x45, 0x4C, 0x00]
        let error = try #require(try openError(core))
        #expect(error.kind == .notSupported)
        #expect(error.operation == "parse ELF header")
        #expect(error.path == "/proc/kcore")
        #expect(error.description.contains("no ELF magic"))
    }

    @Test func anExecutableIsNotACoreFile() throws {
        var core = Self.core
        core.fileType = 2
        let error = try #require(try openError(core))
        #expect(error.kind == .notSupported)
        #expect(error.message.contains("expected a core file"))
    }

    @Test func aTruncatedHeaderTableIsAHeaderError() throws {
        var core = Self.core
        core.length = 100
        let error = try #require(try openError(core))
        #expect(error.kind == .notSupported)
        #expect(error.message.contains("truncated"))
    }

    @Test func aSegmentPastTheAddressSpaceIsRejected() throws {
        let core = SyntheticKernelCore(segments: [.init(virtualAddress: UInt64.max - 10, offset: 0x1000, data: [0], claimedSize: 100)])
        let error = try #require(try openError(core))
        #expect(error.kind == .notSupported)
    }

    @Test func aMissingFileIsNotFound() {
        do {
            _ = try KernelMemoryReader(root: SystemRoot(path: "/nonexistent-vigil-root"))
            Issue.record("opened a missing kcore")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.operation == "open")
        }
    }

    @Test(arguments: CapturedKernelTreeTests.trees.map(\.name))
    func capturedHeadersMapTheirSegments(tree: String) throws {
        let reader = try KernelMemoryReader(root: FixtureRoot.named(tree))
        let segments = reader.header.loadSegments
        #expect(segments.count > 3)
        #expect(reader.map.regions.count == segments.count)
        for segment in segments {
            #expect(reader.isMapped(segment.virtualAddress, count: 4096))
            #expect(reader.isMapped(segment.virtualAddress + segment.fileSize - 1, count: 1))
        }
        #expect(!reader.isMapped(0, count: 1))
        // The fixture holds only the headers: data reads run off its end.
        let text = try #require(segments.first { $0.virtualAddress >= 0xFFFF_FFFF_8000_0000 })
        let error = try #require(readError(reader, text.virtualAddress, 64))
        guard case .shortRead(_, 64, 0) = error else {
            Issue.record("expected a short read, got \(error)")
            return
        }
    }
}

private func readError(_ reader: KernelMemoryReader, _ address: UInt64, _ count: Int) -> KernelMemoryError? {
    do {
        _ = try reader.read(address, count: count)
        return nil
    } catch {
        return error
    }
}

private func openError(_ core: SyntheticKernelCore) throws -> LinuxError? {
    let root = try core.write()
    defer { SyntheticKernelCore.remove(root) }
    do {
        _ = try KernelMemoryReader(root: root)
        return nil
    } catch {
        return error
    }
}

extension KernelMemoryError {
    func isUnmapped(_ expected: UInt64) -> Bool {
        if case .unmapped(let address) = self { return address == expected }
        return false
    }
}
