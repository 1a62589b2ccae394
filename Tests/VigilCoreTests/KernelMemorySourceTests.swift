import Testing
import VigilCore

/// Planning reads over kernel address ranges, and the in-memory double that
/// core code is tested against.
@Suite("kernel memory source")
struct KernelMemorySourceTests {
    static let base: UInt64 = 0xFFFF_FFFF_8100_0000
    static let memory = InMemoryKernelMemory(segments: [
        base: [1, 2, 3, 4],
        base + 4: [5, 6, 7, 8, 9, 10, 11, 12],
        base + 0x1000: [0xAA, 0xBB],
    ])

    @Test func readsWithinAndAcrossSegments() throws {
        #expect(try Self.memory.read(Self.base + 1, count: 2) == [2, 3])
        #expect(try Self.memory.read(Self.base + 2, count: 6) == [3, 4, 5, 6, 7, 8])
        #expect(try Self.memory.read(Self.base, count: 12) == Array(1...12))
        #expect(try Self.memory.read(Self.base + 0x1000, count: 2) == [0xAA, 0xBB])
        #expect(try Self.memory.read(0, count: 0) == [])
    }

    @Test func readsLittleEndianIntegers() throws {
        #expect(try Self.memory.read(Self.base, as: UInt32.self) == 0x0403_0201)
        #expect(try Self.memory.read(Self.base + 2, as: UInt64.self) == 0x0A09_0807_0605_0403)
        #expect(try Self.memory.read(Self.base + 0x1000, as: UInt16.self) == 0xBBAA)
    }

    @Test func aGapIsUnmappedAtItsFirstByte() {
        #expect(Self.memory.isMapped(Self.base, count: 12))
        #expect(!Self.memory.isMapped(Self.base, count: 13))
        #expect(!Self.memory.isMapped(Self.base - 1, count: 1))
        #expect(Self.memory.isMapped(Self.base - 1, count: 0))
        expectUnmapped(at: Self.base + 12) { try Self.memory.read(Self.base + 8, count: 8) }
        expectUnmapped(at: Self.base + 0x1002) { try Self.memory.read(Self.base + 0x1000, as: UInt32.self) }
        expectUnmapped(at: 0) { try Self.memory.read(0, count: 1) }
    }

    @Test func errorsNameTheAddressInHex() {
        #expect(KernelMemoryError.unmapped(0xFFFF_FFFF_8100_0000).description == "kernel address 0xffffffff81000000 is not mapped")
        let short = KernelMemoryError.shortRead(address: 0x1000, requested: 64, read: 8)
        #expect(short.description == "short read at kernel address 0x1000: 8 of 64 bytes")
        #expect(short.address == 0x1000)
    }

    @Test func plansSplitAtRegionBoundaries() throws {
        let map = KernelAddressMap([
            .init(start: 0x3000, count: 0x1000, backingOffset: 0x10_0000),
            .init(start: 0x2000, count: 0x1000, backingOffset: 0x50_0000),
            .init(start: 0x9000, count: 0, backingOffset: 0),
        ])
        #expect(map.regions.map(\.start) == [0x2000, 0x3000])
        #expect(try map.plan(0x2F00, count: 0x200) == [
            .init(region: 0, backingOffset: 0x50_0F00, bufferOffset: 0, count: 0x100),
            .init(region: 1, backingOffset: 0x10_0000, bufferOffset: 0x100, count: 0x100),
        ])
        #expect(map.regionIndex(containing: 0x3FFF) == 1)
        #expect(map.regionIndex(containing: 0x4000) == nil)
        #expect(map.regionIndex(containing: 0x9000) == nil)
        #expect(throws: Never.self) { try map.plan(0x1234, count: 0) }
    }

    @Test func aRegionAtTheTopOfTheAddressSpaceEndsThere() throws {
        let map = KernelAddressMap([.init(start: UInt64.max - 7, count: 8, backingOffset: 0)])
        #expect(map.regions[0].end == nil)
        #expect(map.isMapped(UInt64.max - 7, count: 8))
        #expect(!map.isMapped(UInt64.max - 7, count: 9))
        #expect(try map.plan(UInt64.max, count: 1) == [.init(region: 0, backingOffset: 7, bufferOffset: 0, count: 1)])
    }

    @Test func overlappingRegionsStillCoverTheirAddresses() {
        let map = KernelAddressMap([
            .init(start: 0x1000, count: 0x3000, backingOffset: 0),
            .init(start: 0x2000, count: 0x100, backingOffset: 0x8000),
        ])
        // The last region starting below 0x3000 ends at 0x2100; the first one covers it.
        #expect(map.regionIndex(containing: 0x3000) == 0)
        #expect(map.isMapped(0x1000, count: 0x3000))
    }

    private func expectUnmapped(at expected: UInt64, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> some Any) {
        do {
            _ = try body()
            Issue.record("read succeeded, expected unmapped \(expected)", sourceLocation: sourceLocation)
        } catch {
            guard case .unmapped(let address) = error as? KernelMemoryError else {
                Issue.record("expected unmapped, got \(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(address == expected, sourceLocation: sourceLocation)
        }
    }
}
