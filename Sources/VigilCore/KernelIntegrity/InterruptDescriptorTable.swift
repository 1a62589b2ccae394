/// The x86-64 interrupt descriptor table (`idt_table`): 256 gates of 16 bytes.
public enum InterruptDescriptorTable {
    public static let gateCount = 256
    public static let gateSize = 16
    public static let byteCount = gateCount * gateSize

    public struct Gate: Sendable, Equatable {
        public var vector: Int
        public var handler: UInt64
        public var present: Bool
    }

    /// Decodes the gates of a table read from memory.
    public static func gates(_ bytes: [UInt8]) throws(ParseError) -> [Gate] {
        guard bytes.count >= byteCount else {
            throw ParseError(format: "IDT", location: .byteOffset(bytes.count), reason: "\(bytes.count) bytes, expected \(byteCount)")
        }
        let reader = ByteReader(bytes, format: "IDT")
        var gates: [Gate] = []
        gates.reserveCapacity(gateCount)
        for vector in 0..<gateCount {
            let base = vector * gateSize
            let low = UInt64(try reader.u16(at: base, "offset_low"))
            let bits = try reader.u16(at: base + 4, "bits")
            let middle = UInt64(try reader.u16(at: base + 6, "offset_middle"))
            let high = UInt64(try reader.u32(at: base + 8, "offset_high"))
            gates.append(Gate(vector: vector, handler: low | middle << 16 | high << 32, present: bits & 0x8000 != 0))
        }
        return gates
    }
}
