/// Which kernel virtual address ranges a memory source can read, and where
/// each one lives in its backing store (a file offset for `/proc/kcore`, an
/// index into a byte array for `InMemoryKernelMemory`).
///
/// Reads are planned here, platform-free: a range is split into pieces that
/// each lie inside one region, and rejected before any I/O when a byte of it
/// is not covered.
public struct KernelAddressMap: Sendable, Equatable {
    public struct Region: Sendable, Equatable {
        /// The first kernel virtual address of the region.
        public var start: UInt64
        /// Its length in bytes (never zero in a map).
        public var count: UInt64
        /// Where `start` is in the backing store.
        public var backingOffset: UInt64

        public init(start: UInt64, count: UInt64, backingOffset: UInt64) {
            self.start = start
            self.count = count
            self.backingOffset = backingOffset
        }

        /// The address after the last byte; `nil` when the region reaches the top of the address space.
        public var end: UInt64? {
            let (sum, overflow) = start.addingReportingOverflow(count)
            return overflow ? nil : sum
        }

        public func contains(_ address: UInt64) -> Bool {
            address >= start && address - start < count
        }
    }

    /// One contiguous part of a planned read.
    public struct Piece: Sendable, Equatable {
        /// The index of the region in `regions`.
        public var region: Int
        /// Where the piece starts in the backing store.
        public var backingOffset: UInt64
        /// Where the piece goes in the caller's buffer.
        public var bufferOffset: Int
        public var count: Int

        public init(region: Int, backingOffset: UInt64, bufferOffset: Int, count: Int) {
            self.region = region
            self.backingOffset = backingOffset
            self.bufferOffset = bufferOffset
            self.count = count
        }
    }

    /// The regions, sorted by start address; empty regions are dropped.
    public let regions: [Region]

    public init(_ regions: [Region]) {
        self.regions = regions.filter { $0.count > 0 }.sorted { $0.start < $1.start }
    }

    /// The index of a region covering `address`.
    public func regionIndex(containing address: UInt64) -> Int? {
        // The last region starting at or below the address usually covers it;
        // overlapping regions (never seen in kcore) fall back to a scan.
        var low = 0
        var high = regions.count
        while low < high {
            let middle = (low + high) / 2
            if regions[middle].start <= address { low = middle + 1 } else { high = middle }
        }
        if low > 0, regions[low - 1].contains(address) { return low - 1 }
        return regions.indices.first { regions[$0].contains(address) }
    }

    public func isMapped(_ address: UInt64, count: Int) -> Bool {
        (try? plan(address, count: count)) != nil
    }

    /// Splits `address ..< address + count` into pieces inside single regions.
    /// - Throws: `.unmapped` with the first byte no region covers.
    public func plan(_ address: UInt64, count: Int) throws(KernelMemoryError) -> [Piece] {
        precondition(count >= 0, "negative read count \(count)")
        var pieces: [Piece] = []
        var current = address
        var done = 0
        while done < count {
            guard let index = regionIndex(containing: current) else { throw .unmapped(current) }
            let region = regions[index]
            let offset = current - region.start
            let available = region.count - offset
            let length = Int(min(UInt64(count - done), available))
            pieces.append(Piece(region: index, backingOffset: region.backingOffset + offset, bufferOffset: done, count: length))
            done += length
            guard done < count else { break }
            let (next, overflow) = current.addingReportingOverflow(UInt64(length))
            // A range running off the top of the address space has no next byte to name; blame the top.
            guard !overflow else { throw .unmapped(UInt64.max) }
            current = next
        }
        return pieces
    }
}
