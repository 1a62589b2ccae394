/// The header of a BTF blob such as `/sys/kernel/btf/vmlinux`
/// (`struct btf_header` in `include/uapi/linux/btf.h`).
public struct BTFHeader: Equatable, Sendable, Codable {
    public static let magic: UInt16 = 0xEB9F

    public var version: UInt8
    public var flags: UInt8
    public var headerLength: UInt32
    public var typeOffset: UInt32
    public var typeLength: UInt32
    public var stringOffset: UInt32
    public var stringLength: UInt32
}

public enum BTFHeaderParser {
    static let minimumLength = 24

    /// Parses and checks the header; `totalLength` (the file size, if known)
    /// lets it check that the sections fit.
    public static func parse(_ bytes: [UInt8], totalLength: Int? = nil) throws(ParseError) -> BTFHeader {
        let reader = ByteReader(bytes, format: "BTF header")
        let magic = try reader.u16(at: 0, "magic")
        guard magic == BTFHeader.magic else {
            let hex = String(magic, radix: 16)
            throw ParseError(format: "BTF header", location: .byteOffset(0), reason: "magic 0x\(hex), expected 0xeb9f (little-endian BTF)")
        }
        let header = BTFHeader(
            version: try reader.u8(at: 2, "version"),
            flags: try reader.u8(at: 3, "flags"),
            headerLength: try reader.u32(at: 4, "hdr_len"),
            typeOffset: try reader.u32(at: 8, "type_off"),
            typeLength: try reader.u32(at: 12, "type_len"),
            stringOffset: try reader.u32(at: 16, "str_off"),
            stringLength: try reader.u32(at: 20, "str_len")
        )
        guard header.version == 1 else {
            throw ParseError(format: "BTF header", location: .byteOffset(2), reason: "version \(header.version), expected 1")
        }
        guard Int(header.headerLength) >= minimumLength else {
            throw ParseError(format: "BTF header", location: .byteOffset(4), reason: "header length \(header.headerLength) is shorter than \(minimumLength)")
        }
        if let totalLength {
            let end = UInt64(header.headerLength) + UInt64(max(
                UInt64(header.typeOffset) + UInt64(header.typeLength),
                UInt64(header.stringOffset) + UInt64(header.stringLength)
            ))
            guard end <= UInt64(totalLength) else {
                throw ParseError(format: "BTF header", location: .whole, reason: "sections end at byte \(end), beyond the \(totalLength)-byte file")
            }
        }
        return header
    }
}
