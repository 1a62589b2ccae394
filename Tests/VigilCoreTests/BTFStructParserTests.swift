import Testing
@testable import VigilCore

/// Builds small BTF blobs type by type (ids from 1), as `/sys/kernel/btf/vmlinux` lays them out.
struct BTFBlob {
    var strings: [UInt8] = [0]
    var types: [UInt8] = []
    var count: UInt32 = 0

    struct Member {
        var name: String?
        var type: UInt32
        var bitOffset: UInt32
        var bitfieldSize: UInt32 = 0
    }

    mutating func name(_ text: String?) -> UInt32 {
        guard let text, !text.isEmpty else { return 0 }
        let offset = UInt32(strings.count)
        strings += Array(text.utf8) + [0]
        return offset
    }

    mutating func header(name: String?, kind: UInt32, vlen: Int = 0, kindFlag: Bool = false, sizeOrType: UInt32) -> UInt32 {
        let info = (kindFlag ? 1 << 31 : 0) | kind << 24 | UInt32(vlen)
        types += le32(self.name(name)) + le32(info) + le32(sizeOrType)
        count += 1
        return count
    }

    mutating func integer(_ name: String, size: UInt32) -> UInt32 {
        let id = header(name: name, kind: 1, sizeOrType: size)
        types += le32(size * 8)
        return id
    }

    mutating func pointer(to type: UInt32) -> UInt32 {
        header(name: nil, kind: 2, sizeOrType: type)
    }

    mutating func typedef(_ name: String, _ type: UInt32) -> UInt32 {
        header(name: name, kind: 8, sizeOrType: type)
    }

    mutating func structure(_ name: String?, size: UInt32, union: Bool = false, kindFlag: Bool = false, _ members: [Member]) -> UInt32 {
        let id = header(name: name, kind: union ? 5 : 4, vlen: members.count, kindFlag: kindFlag, sizeOrType: size)
        for member in members {
            types += le32(self.name(member.name)) + le32(member.type) + le32(kindFlag ? member.bitfieldSize << 24 | member.bitOffset : member.bitOffset)
        }
        return id
    }

    var bytes: [UInt8] {
        var header: [UInt8] = [0x9F, 0xEB, 1, 0]
        header += le32(24) + le32(0) + le32(UInt32(types.count)) + le32(UInt32(types.count)) + le32(UInt32(strings.count))
        return header + types + strings
    }

    func le32(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) }
    }

    /// `struct tlb_state` as 6.x has it: cr4 at byte 24, after a pointer, an anonymous union and two u16s.
    static func tlbState() -> BTFBlob {
        var blob = BTFBlob()
        let u16 = blob.integer("u16", size: 2)
        let ulong = blob.integer("long unsigned int", size: 8)
        let mm = blob.structure("mm_struct", size: 0, [])
        let pointer = blob.pointer(to: mm)
        let anonymous = blob.structure(nil, size: 8, union: true, [Member(name: "last_user_mm_spec", type: ulong, bitOffset: 0)])
        _ = blob.structure("tlb_state", size: 128, [
            Member(name: "loaded_mm", type: pointer, bitOffset: 0),
            Member(name: nil, type: anonymous, bitOffset: 64),
            Member(name: "loaded_mm_asid", type: u16, bitOffset: 128),
            Member(name: "next_asid", type: u16, bitOffset: 144),
            Member(name: "cr4", type: ulong, bitOffset: 192),
        ])
        return blob
    }
}

@Suite("BTF struct parser")
struct BTFStructParserTests {
    @Test func findsAMember() throws {
        let bytes = BTFBlob.tlbState().bytes
        #expect(try BTFStructParser.memberOffset(bytes, structure: "tlb_state", member: "cr4") == 24)
        #expect(try BTFStructParser.memberOffset(bytes, structure: "tlb_state", member: "loaded_mm_asid") == 16)
        #expect(try BTFStructParser.memberOffset(bytes, structure: "tlb_state", member: "last_user_mm_spec") == 8, "inside the anonymous union")
        #expect(try BTFStructParser.memberOffset(bytes, structure: "tlb_state", member: "ctxs") == nil)
        #expect(try BTFStructParser.memberOffset(bytes, structure: "tlb_stat", member: "cr4") == nil, "names match whole")
        #expect(try BTFStructParser.memberOffset(bytes, structure: "mm_struct", member: "cr4") == nil)
    }

    @Test func kindFlagOffsetsAndBitfields() throws {
        var blob = BTFBlob()
        let u32 = blob.integer("u32", size: 4)
        let u64 = blob.integer("u64", size: 8)
        let inner = blob.structure(nil, size: 8, [BTFBlob.Member(name: "deep", type: u64, bitOffset: 0)])
        let alias = blob.typedef("inner_t", inner)
        _ = blob.structure("flags", size: 24, kindFlag: true, [
            BTFBlob.Member(name: "a", type: u32, bitOffset: 0, bitfieldSize: 3),
            BTFBlob.Member(name: "b", type: u32, bitOffset: 3, bitfieldSize: 5),
            BTFBlob.Member(name: "c", type: u64, bitOffset: 64),
            BTFBlob.Member(name: nil, type: alias, bitOffset: 128),
        ])
        let bytes = blob.bytes
        #expect(try BTFStructParser.memberOffset(bytes, structure: "flags", member: "c") == 8)
        #expect(try BTFStructParser.memberOffset(bytes, structure: "flags", member: "a") == 0)
        #expect(try BTFStructParser.memberOffset(bytes, structure: "flags", member: "deep") == 16)
        #expect(throws: ParseError.self, "a bitfield inside a byte has no byte offset") {
            try BTFStructParser.memberOffset(bytes, structure: "flags", member: "b")
        }
    }

    @Test func malformedBlobsAreErrors() {
        var bytes = BTFBlob.tlbState().bytes
        bytes[0] = 0
        #expect(throws: ParseError.self, "bad magic") { try BTFStructParser.memberOffset(bytes, structure: "tlb_state", member: "cr4") }

        var unknown = BTFBlob()
        _ = unknown.header(name: "odd", kind: 31, sizeOrType: 0)
        #expect(throws: ParseError.self, "unknown kind") { try BTFStructParser.memberOffset(unknown.bytes, structure: "odd", member: "x") }

        // A struct whose members run past the type section.
        var cut = BTFBlob()
        _ = cut.header(name: "tlb_state", kind: 4, vlen: 3, sizeOrType: 8)
        #expect(throws: ParseError.self, "truncated") { try BTFStructParser.memberOffset(cut.bytes, structure: "tlb_state", member: "cr4") }

        // A name offset beyond the string section.
        var far = BTFBlob()
        _ = far.structure("tlb_state", size: 0, [])
        far.types.replaceSubrange(0..<4, with: far.le32(0xFFFF))
        #expect(throws: ParseError.self, "name beyond the strings") { try BTFStructParser.memberOffset(far.bytes, structure: "tlb_state", member: "cr4") }

        #expect(throws: ParseError.self, "empty") { try BTFStructParser.memberOffset([], structure: "tlb_state", member: "cr4") }
    }
}
