/// A bounds-checked little-endian cursor over a byte buffer.
///
/// Binary kernel formats (ELF, BTF) are read through this type so that a
/// truncated or hostile input throws a `ParseError` instead of trapping.
struct ByteReader {
    let bytes: [UInt8]
    let format: String

    init(_ bytes: [UInt8], format: String) {
        self.bytes = bytes
        self.format = format
    }

    func require(_ count: Int, at offset: Int, for what: String) throws(ParseError) {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else {
            throw ParseError(
                format: format,
                location: .byteOffset(offset),
                reason: "truncated: \(what) needs \(count) bytes, only \(max(0, bytes.count - max(0, offset))) left"
            )
        }
    }

    func u8(at offset: Int, _ what: String) throws(ParseError) -> UInt8 {
        try require(1, at: offset, for: what)
        return bytes[offset]
    }

    func u16(at offset: Int, _ what: String) throws(ParseError) -> UInt16 {
        UInt16(truncatingIfNeeded: try unsigned(at: offset, width: 2, what))
    }

    func u32(at offset: Int, _ what: String) throws(ParseError) -> UInt32 {
        UInt32(truncatingIfNeeded: try unsigned(at: offset, width: 4, what))
    }

    func u64(at offset: Int, _ what: String) throws(ParseError) -> UInt64 {
        try unsigned(at: offset, width: 8, what)
    }

    private func unsigned(at offset: Int, width: Int, _ what: String) throws(ParseError) -> UInt64 {
        try require(width, at: offset, for: what)
        var value: UInt64 = 0
        for index in 0..<width {
            value |= UInt64(bytes[offset + index]) << (8 * UInt64(index))
        }
        return value
    }
}
