/// The parts of a 64-bit little-endian ELF file that locate its segments.
///
/// `/proc/kcore` is such a file (type `ET_CORE`): each `PT_LOAD` program header
/// maps a range of kernel virtual addresses to an offset in the (sparse) file.
public struct ELFImageHeader: Equatable, Sendable {
    public enum FileType: UInt16, Sendable {
        case none = 0, relocatable = 1, executable = 2, shared = 3, core = 4
    }

    public var fileType: UInt16
    public var machine: UInt16
    public var programHeaders: [ELFProgramHeader]

    public var loadSegments: [ELFProgramHeader] { programHeaders.filter { $0.type == ELFProgramHeader.load } }

    /// The file offset holding `virtualAddress`, if a load segment with file
    /// contents covers it.
    public func fileOffset(ofVirtualAddress address: UInt64) -> UInt64? {
        for segment in loadSegments where address >= segment.virtualAddress {
            let delta = address - segment.virtualAddress
            if delta < segment.fileSize { return segment.offset + delta }
        }
        return nil
    }
}

public struct ELFProgramHeader: Equatable, Sendable {
    public static let load: UInt32 = 1
    public static let note: UInt32 = 4

    public var type: UInt32
    public var flags: UInt32
    public var offset: UInt64
    public var virtualAddress: UInt64
    public var physicalAddress: UInt64
    public var fileSize: UInt64
    public var memorySize: UInt64
}

public enum ELFHeaderParser {
    public static let x86_64Machine: UInt16 = 62
    static let headerSize = 64
    static let programHeaderSize = 56
    /// A sanity bound: kcore has one header per memory range, never thousands.
    static let maximumProgramHeaders = 4096

    /// The number of bytes needed from the start of the file to parse the
    /// program headers, once the first 64 bytes are known.
    public static func bytesNeeded(forHeader header: [UInt8]) throws(ParseError) -> Int {
        let reader = ByteReader(header, format: "ELF header")
        try checkIdentity(reader)
        let tableOffset = try reader.u64(at: 32, "e_phoff")
        let count = Int(try reader.u16(at: 56, "e_phnum"))
        guard tableOffset <= UInt64(Int32.max) else {
            throw ParseError(format: "ELF header", location: .byteOffset(32), reason: "program header offset \(tableOffset) is implausible")
        }
        return Int(tableOffset) + count * programHeaderSize
    }

    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> ELFImageHeader {
        let reader = ByteReader(bytes, format: "ELF header")
        try checkIdentity(reader)
        let fileType = try reader.u16(at: 16, "e_type")
        let machine = try reader.u16(at: 18, "e_machine")
        let tableOffset = try reader.u64(at: 32, "e_phoff")
        let entrySize = Int(try reader.u16(at: 54, "e_phentsize"))
        let count = Int(try reader.u16(at: 56, "e_phnum"))
        guard count == 0 || entrySize == programHeaderSize else {
            throw ParseError(format: "ELF header", location: .byteOffset(54), reason: "program header size \(entrySize), expected \(programHeaderSize)")
        }
        guard count <= maximumProgramHeaders else {
            throw ParseError(format: "ELF header", location: .byteOffset(56), reason: "\(count) program headers is implausible")
        }
        guard tableOffset <= UInt64(Int32.max) else {
            throw ParseError(format: "ELF header", location: .byteOffset(32), reason: "program header offset \(tableOffset) is implausible")
        }
        var headers: [ELFProgramHeader] = []
        headers.reserveCapacity(count)
        let table = ByteReader(bytes, format: "ELF program headers")
        for index in 0..<count {
            let base = Int(tableOffset) + index * programHeaderSize
            try table.require(programHeaderSize, at: base, for: "program header \(index)")
            headers.append(ELFProgramHeader(
                type: try table.u32(at: base, "p_type"),
                flags: try table.u32(at: base + 4, "p_flags"),
                offset: try table.u64(at: base + 8, "p_offset"),
                virtualAddress: try table.u64(at: base + 16, "p_vaddr"),
                physicalAddress: try table.u64(at: base + 24, "p_paddr"),
                fileSize: try table.u64(at: base + 32, "p_filesz"),
                memorySize: try table.u64(at: base + 40, "p_memsz")
            ))
        }
        return ELFImageHeader(fileType: fileType, machine: machine, programHeaders: headers)
    }

    private static func checkIdentity(_ reader: ByteReader) throws(ParseError) {
        try reader.require(headerSize, at: 0, for: "the ELF header")
        guard reader.bytes[0] == 0x7F, reader.bytes[1] == 0x45, reader.bytes[2] == 0x4C, reader.bytes[3] == 0x46 else {
            throw ParseError(format: "ELF header", location: .byteOffset(0), reason: "no ELF magic")
        }
        guard reader.bytes[4] == 2 else {
            throw ParseError(format: "ELF header", location: .byteOffset(4), reason: "not a 64-bit ELF file (class \(reader.bytes[4]))")
        }
        guard reader.bytes[5] == 1 else {
            throw ParseError(format: "ELF header", location: .byteOffset(5), reason: "not little-endian (data \(reader.bytes[5]))")
        }
    }
}
