/// Kernel memory held in byte arrays, for tests of code that reads kernel
/// structures: each segment maps its base address to its bytes.
public struct InMemoryKernelMemory: KernelMemorySource {
    public let map: KernelAddressMap
    /// The bytes of each region of `map`, in the same order.
    private let contents: [[UInt8]]

    /// - Parameter segments: base address → bytes. Segments that touch are
    ///   read across as one range, like adjacent kcore segments.
    public init(segments: [UInt64: [UInt8]]) {
        let sorted = segments.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        // Each region's backing offset is relative to its own byte array.
        map = KernelAddressMap(sorted.map { KernelAddressMap.Region(start: $0.key, count: UInt64($0.value.count), backingOffset: 0) })
        contents = sorted.map(\.value)
    }

    public func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(KernelMemoryError) {
        for piece in try map.plan(address, count: buffer.count) {
            let start = Int(piece.backingOffset)
            contents[piece.region].withUnsafeBytes { bytes in
                UnsafeMutableRawBufferPointer(rebasing: buffer[piece.bufferOffset ..< piece.bufferOffset + piece.count])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start ..< start + piece.count]))
            }
        }
    }

    public func isMapped(_ address: UInt64, count: Int) -> Bool {
        map.isMapped(address, count: count)
    }
}
