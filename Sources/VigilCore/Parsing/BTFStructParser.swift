/// Finds where a member lies in a struct, from a BTF blob such as
/// `/sys/kernel/btf/vmlinux` (the type section of `include/uapi/linux/btf.h`):
/// for the kernel structures Vigil reads whose layout changes with the
/// kernel's version and configuration (`struct tlb_state`'s `cr4`).
public enum BTFStructParser {
    /// The `BTF_KIND_*` numbers this parser must step over or look into.
    enum Kind: UInt32 {
        case unknown = 0, integer, pointer, array, structure, union, enumeration, forward, typedef, volatile, constant,
             restrict, function, functionPrototype, variable, dataSection, float, declarationTag, typeTag, enumeration64

        /// Bytes that follow the 12-byte `struct btf_type` for `vlen` entries.
        func trailer(vlen: Int) -> Int {
            switch self {
            case .integer, .variable, .declarationTag: 4
            case .array: 12
            case .structure, .union, .dataSection, .enumeration64: 12 * vlen
            case .enumeration, .functionPrototype: 8 * vlen
            case .unknown, .pointer, .forward, .typedef, .volatile, .constant, .restrict, .function, .float, .typeTag: 0
            }
        }

        /// Kinds that only qualify or rename another type.
        var isAlias: Bool {
            self == .typedef || self == .volatile || self == .constant || self == .restrict || self == .typeTag
        }
    }

    /// The byte offset of `member` in `struct structure` (or a union of that name),
    /// looking into anonymous structs and unions inside it as C does.
    /// - Returns: nil when no struct of that name has the member.
    /// - Throws: `ParseError` when the blob is not well-formed BTF, or the member is
    ///   a bitfield that does not start on a byte.
    public static func memberOffset(_ bytes: [UInt8], structure: String, member: String) throws(ParseError) -> Int? {
        let types = try TypeSection(bytes)
        let structureName = Array(structure.utf8)
        let memberName = Array(member.utf8)
        for id in types.offsets.indices.dropFirst() {
            let type = try types.type(id)
            guard type.kind == .structure || type.kind == .union, try types.name(type.nameOffset, equals: structureName) else { continue }
            if let bits = try types.memberBitOffset(in: id, named: memberName, depth: 0) {
                guard bits % 8 == 0 else {
                    throw ParseError(format: "BTF", location: .whole, reason: "\(structure).\(member) is a bitfield at bit \(bits)")
                }
                return Int(bits / 8)
            }
        }
        return nil
    }

    /// The type section, indexed by type id.
    struct TypeSection {
        struct TypeHeader {
            var nameOffset: UInt32
            var kind: Kind
            var vlen: Int
            var kindFlag: Bool
            /// `size` or `type`, by kind.
            var sizeOrType: UInt32
            /// Where the trailer starts.
            var trailer: Int
        }

        let reader: ByteReader
        let strings: Range<Int>
        /// Byte offset of each type's header; index 0 stands for `void`.
        var offsets: [Int] = [0]

        init(_ bytes: [UInt8]) throws(ParseError) {
            let header = try BTFHeaderParser.parse(bytes, totalLength: bytes.count)
            reader = ByteReader(bytes, format: "BTF")
            let typeStart = Int(header.headerLength) + Int(header.typeOffset)
            let typeEnd = typeStart + Int(header.typeLength)
            let stringStart = Int(header.headerLength) + Int(header.stringOffset)
            strings = stringStart..<(stringStart + Int(header.stringLength))
            var offset = typeStart
            while offset < typeEnd {
                let info = try reader.u32(at: offset + 4, "btf_type.info")
                guard let kind = Kind(rawValue: info >> 24 & 0x1F) else {
                    throw ParseError(format: "BTF", location: .byteOffset(offset), reason: "type \(offsets.count) has unknown kind \(info >> 24 & 0x1F)")
                }
                offsets.append(offset)
                offset += 12 + kind.trailer(vlen: Int(info & 0xFFFF))
            }
            guard offset == typeEnd else {
                throw ParseError(format: "BTF", location: .byteOffset(typeEnd), reason: "the last type runs \(offset - typeEnd) bytes past the type section")
            }
        }

        func type(_ id: Int) throws(ParseError) -> TypeHeader {
            guard id > 0, id < offsets.count else {
                throw ParseError(format: "BTF", location: .whole, reason: "type id \(id) is beyond the \(offsets.count - 1) types")
            }
            let offset = offsets[id]
            let info = try reader.u32(at: offset + 4, "btf_type.info")
            return TypeHeader(
                nameOffset: try reader.u32(at: offset, "btf_type.name_off"),
                kind: Kind(rawValue: info >> 24 & 0x1F) ?? .unknown,
                vlen: Int(info & 0xFFFF), kindFlag: info >> 31 == 1,
                sizeOrType: try reader.u32(at: offset + 8, "btf_type.size"),
                trailer: offset + 12
            )
        }

        /// Whether the string at `offset` in the string section is `name`.
        func name(_ offset: UInt32, equals name: [UInt8]) throws(ParseError) -> Bool {
            let start = strings.lowerBound + Int(offset)
            guard start + name.count < strings.upperBound else {
                guard Int(offset) < strings.count else {
                    throw ParseError(format: "BTF", location: .byteOffset(start), reason: "name offset \(offset) is beyond the \(strings.count)-byte string section")
                }
                return false
            }
            for (index, byte) in name.enumerated() where reader.bytes[start + index] != byte { return false }
            return reader.bytes[start + name.count] == 0
        }

        /// The member's offset in bits from the start of struct or union `id`; anonymous
        /// struct and union members are looked into.
        func memberBitOffset(in id: Int, named name: [UInt8], depth: Int) throws(ParseError) -> UInt32? {
            guard depth < 16 else { return nil }
            let type = try self.type(id)
            for index in 0..<type.vlen {
                let entry = type.trailer + 12 * index
                let nameOffset = try reader.u32(at: entry, "btf_member.name_off")
                let memberType = try reader.u32(at: entry + 4, "btf_member.type")
                let raw = try reader.u32(at: entry + 8, "btf_member.offset")
                // With kind_flag the low 24 bits are the offset, the high 8 the bitfield size.
                let bits = type.kindFlag ? raw & 0xFF_FFFF : raw
                if nameOffset == 0 {
                    guard let inner = try resolve(Int(memberType)), let found = try memberBitOffset(in: inner, named: name, depth: depth + 1) else { continue }
                    return bits + found
                }
                if try self.name(nameOffset, equals: name) { return bits }
            }
            return nil
        }

        /// The struct or union a type id stands for after typedefs and qualifiers, or nil.
        func resolve(_ id: Int) throws(ParseError) -> Int? {
            var current = id
            for _ in 0..<16 {
                guard current != 0 else { return nil }
                let type = try self.type(current)
                if type.kind == .structure || type.kind == .union { return current }
                guard type.kind.isAlias else { return nil }
                current = Int(type.sizeOrType)
            }
            return nil
        }
    }
}
