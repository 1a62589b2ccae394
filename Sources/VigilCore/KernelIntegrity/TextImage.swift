/// A copy of a range of kernel memory and the address it was read from.
public struct TextImage: Sendable, Equatable {
    public var base: UInt64
    public var bytes: [UInt8]

    public init(base: UInt64, bytes: [UInt8]) {
        self.base = base
        self.bytes = bytes
    }

    public var end: UInt64 { base + UInt64(bytes.count) }

    public func contains(_ address: UInt64, length: Int = 1) -> Bool {
        address >= base && address <= end && end - address >= UInt64(length)
    }

    /// The bytes at `address`, clipped to the image.
    public func bytes(at address: UInt64, count: Int) -> ArraySlice<UInt8> {
        guard address >= base, address < end else { return [] }
        let start = Int(address - base)
        return bytes[start..<min(bytes.count, start + count)]
    }
}
