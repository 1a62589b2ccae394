/// A region of kernel memory as it was when validation started, and the
/// places in it that the kernel legitimately rewrites. The copy is never
/// re-taken wholesale: each later difference is judged on its own, so a
/// legitimate event elsewhere cannot launder an earlier change.
public struct MemoryRegionBaseline: Sendable, Equatable {
    /// `core text`, `rodata`, `module vigil_benign text`, …
    public var name: String
    public var check: KernelCheck
    public var module: String?
    public var image: TextImage
    /// Sorted by address, non-overlapping.
    public var sites: [PatchSite]

    public init(name: String, check: KernelCheck, module: String? = nil, image: TextImage, sites: [PatchSite] = []) {
        self.name = name
        self.check = check
        self.module = module
        self.image = image
        self.sites = sites.sorted { $0.address < $1.address }
    }

    public var base: UInt64 { image.base }
    public var size: Int { image.bytes.count }

    /// The site holding `address`, if any.
    public func site(containing address: UInt64) -> PatchSite? {
        var low = 0
        var high = sites.count
        while low < high {
            let middle = (low + high) / 2
            if sites[middle].address <= address { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let candidate = sites[low - 1]
        return address < candidate.end ? candidate : nil
    }

    /// Makes the bytes at `range` (offsets) part of the baseline: kint_enforce=0 accepting a change.
    public mutating func adopt(_ bytes: [UInt8], at address: UInt64) {
        guard image.contains(address, length: bytes.count) else { return }
        let start = Int(address - image.base)
        image.bytes.replaceSubrange(start..<(start + bytes.count), with: bytes)
    }
}
