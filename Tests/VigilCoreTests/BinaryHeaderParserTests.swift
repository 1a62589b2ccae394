import Testing
@testable import VigilCore

/// Builds little-endian byte images for the binary parsers.
struct ByteImage {
    var bytes: [UInt8]

    init(count: Int) { bytes = [UInt8](repeating: 0, count: count) }

    mutating func put(_ value: UInt64, at offset: Int, width: Int) {
        for index in 0..<width { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
    }

    /// An ELF64 core file header with `segments` (vaddr, offset, filesz) load segments.
    static func elfCore(segments: [(UInt64, UInt64, UInt64)], note: Bool = true) -> ByteImage {
        let headers = segments.count + (note ? 1 : 0)
        var image = ByteImage(count: 64 + 56 * headers)
        image.bytes[0...5] = [0x7F, 0x45, 0x4C, 0x46, 2, 1]
        image.put(4, at: 16, width: 2)
        image.put(62, at: 18, width: 2)
        image.put(64, at: 32, width: 8)
        image.put(56, at: 54, width: 2)
        image.put(UInt64(headers), at: 56, width: 2)
        var base = 64
        if note {
            image.put(4, at: base, width: 4)
            base += 56
        }
        for (vaddr, offset, size) in segments {
            image.put(1, at: base, width: 4)
            image.put(7, at: base + 4, width: 4)
            image.put(offset, at: base + 8, width: 8)
            image.put(vaddr, at: base + 16, width: 8)
            image.put(size, at: base + 32, width: 8)
            image.put(size, at: base + 40, width: 8)
            base += 56
        }
        return image
    }
}

@Suite("ELF header parser")
struct ELFHeaderParserTests {
    let image = ByteImage.elfCore(segments: [
        (0xffff_ffff_8100_0000, 0x7fff_8100_1000, 0x200_0000),
        (0xffff_8880_0000_0000, 0x1000, 0x4000_0000),
    ])

    @Test func parsesACoreFileAndMapsAddresses() throws {
        #expect(try ELFHeaderParser.bytesNeeded(forHeader: Array(image.bytes[..<64])) == image.bytes.count)
        let header = try ELFHeaderParser.parse(image.bytes)
        #expect(header.fileType == ELFImageHeader.FileType.core.rawValue)
        #expect(header.machine == ELFHeaderParser.x86_64Machine)
        #expect(header.programHeaders.count == 3)
        #expect(header.loadSegments.count == 2)
        #expect(header.fileOffset(ofVirtualAddress: 0xffff_ffff_8100_0010) == 0x7fff_8100_1010)
        #expect(header.fileOffset(ofVirtualAddress: 0xffff_ffff_8300_0000) == nil)
        #expect(header.fileOffset(ofVirtualAddress: 0x1000) == nil)
    }

    @Test func rejectsTruncatedProgramHeaders() {
        let cut = Array(image.bytes.dropLast(10))
        #expect(throws: ParseError.self) { try ELFHeaderParser.parse(cut) }
    }

    @Test func rejectsAShortHeader() {
        #expect(throws: ParseError(format: "ELF header", location: .byteOffset(0), reason: "truncated: the ELF header needs 64 bytes, only 10 left")) {
            try ELFHeaderParser.parse(Array(image.bytes[..<10]))
        }
    }

    @Test func rejectsWrongMagicClassAndEndianness() {
        var noMagic = image
        noMagic.bytes[1] = 0
        #expect(throws: ParseError(format: "ELF header", location: .byteOffset(0), reason: "no ELF magic")) { try ELFHeaderParser.parse(noMagic.bytes) }
        var thirtyTwo = image
        thirtyTwo.bytes[4] = 1
        #expect(throws: ParseError.self) { try ELFHeaderParser.parse(thirtyTwo.bytes) }
        var bigEndian = image
        bigEndian.bytes[5] = 2
        #expect(throws: ParseError.self) { try ELFHeaderParser.parse(bigEndian.bytes) }
    }

    @Test func rejectsImplausibleHeaderTables() {
        var wrongSize = image
        wrongSize.put(32, at: 54, width: 2)
        #expect(throws: ParseError.self) { try ELFHeaderParser.parse(wrongSize.bytes) }
        var tooMany = image
        tooMany.put(60000, at: 56, width: 2)
        #expect(throws: ParseError.self) { try ELFHeaderParser.parse(tooMany.bytes) }
        var farAway = image
        farAway.put(UInt64.max, at: 32, width: 8)
        #expect(throws: ParseError.self) { try ELFHeaderParser.parse(farAway.bytes) }
        #expect(throws: ParseError.self) { try ELFHeaderParser.bytesNeeded(forHeader: farAway.bytes) }
    }
}

@Suite("BTF header parser")
struct BTFHeaderParserTests {
    static func header(magic: UInt64 = 0xEB9F, version: UInt64 = 1, headerLength: UInt64 = 24, typeLength: UInt64 = 1000, stringLength: UInt64 = 500) -> [UInt8] {
        var image = ByteImage(count: 32)
        image.put(magic, at: 0, width: 2)
        image.put(version, at: 2, width: 1)
        image.put(headerLength, at: 4, width: 4)
        image.put(0, at: 8, width: 4)
        image.put(typeLength, at: 12, width: 4)
        image.put(typeLength, at: 16, width: 4)
        image.put(stringLength, at: 20, width: 4)
        return image.bytes
    }

    @Test func parsesAValidHeader() throws {
        let parsed = try BTFHeaderParser.parse(Self.header(), totalLength: 1524)
        #expect(parsed.typeLength == 1000)
        #expect(parsed.stringLength == 500)
    }

    @Test func rejectsSectionsBeyondTheFile() {
        #expect(throws: ParseError(format: "BTF header", location: .whole, reason: "sections end at byte 1524, beyond the 1000-byte file")) {
            try BTFHeaderParser.parse(Self.header(), totalLength: 1000)
        }
    }

    @Test(arguments: [
        header(magic: 0x9FEB),
        header(version: 2),
        header(headerLength: 8),
        Array(header().prefix(12)),
    ])
    func rejectsMalformedHeaders(bytes: [UInt8]) {
        #expect(throws: ParseError.self) { try BTFHeaderParser.parse(bytes) }
    }
}

@Suite("kernel config parser")
struct KernelConfigParserTests {
    @Test func parsesSetAndUnsetOptions() throws {
        let config = try KernelConfigParser.parse("""
            #
            # Automatically generated file; DO NOT EDIT.
            CONFIG_BPF_LSM=y
            CONFIG_LSM="landlock,lockdown,yama,loadpin,safesetid,integrity,apparmor,selinux,smack,tomoyo,bpf"
            # CONFIG_MODULE_SIG_FORCE is not set
            CONFIG_9P_FS=m

            """)
        #expect(config.isEnabled("CONFIG_BPF_LSM"))
        #expect(config.isEnabled("CONFIG_9P_FS"))
        #expect(!config.isEnabled("CONFIG_MODULE_SIG_FORCE"))
        #expect(config["CONFIG_MODULE_SIG_FORCE"] == "n")
        #expect(config["CONFIG_LSM"]?.hasPrefix("\"landlock") == true)
        let facts = KernelConfigFacts(config: config)
        #expect(facts.options["CONFIG_KPROBES"] == "n")
        #expect(facts.isEnabled("CONFIG_BPF_LSM"))
    }

    @Test(arguments: ["BPF_LSM=y", "CONFIG_=y", "CONFIG_A-B=y"])
    func rejectsMalformedLines(line: String) {
        #expect(throws: ParseError.self) { try KernelConfigParser.parse("CONFIG_A=y\n\(line)\n") }
    }
}
