import Foundation
import Testing
import VigilCore
@testable import VigilLinux

/// `ModelSpecificRegisterReader` and `HostProcessorState` on a scratch tree: a
/// regular (sparse) file at `dev/cpu/N/msr` answers `pread` at a register's
/// number as the msr driver does. In a file, neighbouring registers overlap
/// (the driver reads register N at offset N, a file holds bytes N ..< N + 8),
/// so the fixture holds one run of bytes per block of registers and each
/// register reads the 8 bytes from its number.
@Suite("MSR reader and host processors")
struct ModelSpecificRegisterReaderTests {
    /// From IA32_SYSENTER_CS (0x174) and from IA32_STAR (0xC0000081): 10 bytes each, for three registers.
    static let sysenterBytes: [UInt8] = [0x10, 0x00, 0x60, 0x00, 0x00, 0x00, 0xfe, 0xff, 0xff, 0xff]
    static let starBytes: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x23, 0x00, 0x81, 0xff]

    /// What reading `register` gives when the file holds `sysenterBytes` and `starBytes`.
    static func value(_ register: ModelSpecificRegister) -> UInt64 {
        let (bytes, base): ([UInt8], UInt32) = register.number < 0x1000 ? (sysenterBytes, 0x174) : (starBytes, 0xC000_0081)
        let start = Int(register.number - base)
        return bytes[start..<(start + 8)].enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    static var values: [ModelSpecificRegister: UInt64] {
        Dictionary(uniqueKeysWithValues: ModelSpecificRegister.allCases.map { ($0, value($0)) })
    }

    /// Writes a sparse msr file for `cpu` holding `runs` (offset → bytes).
    static func writeRegisters(_ runs: [UInt64: [UInt8]] = [0x174: sysenterBytes, 0xC000_0081: starBytes], cpu: Int, in tree: TemporaryTree) throws {
        try tree.write("dev/cpu/\(cpu)/msr", "")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: tree.path + "/dev/cpu/\(cpu)/msr"))
        defer { try? handle.close() }
        for (offset, bytes) in runs.sorted(by: { $0.key < $1.key }) {
            try handle.seek(toOffset: offset)
            try handle.write(contentsOf: Data(bytes))
        }
    }

    @Test func readsEachRegisterAtItsNumber() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try Self.writeRegisters(cpu: 0, in: tree)
        try Self.writeRegisters([0x174: [0x10, 0, 0x61] + Array(Self.sysenterBytes.dropFirst(3)), 0xC000_0081: Self.starBytes], cpu: 1, in: tree)
        let reader = ModelSpecificRegisterReader(root: tree.root)
        #expect(try reader.read(.star, cpu: 0) == 0x0023_0010_0000_0000)
        #expect(try reader.read(.sysenterCS, cpu: 0) == 0xfffe_0000_0060_0010)
        #expect(try reader.read(ModelSpecificRegister.allCases, cpu: 0) == Self.values)
        #expect(try reader.read(.sysenterESP, cpu: 1) == Self.value(.sysenterESP) + 0x100, "each CPU has its own device")
        #expect(ModelSpecificRegisterReader.path(cpu: 3) == "/dev/cpu/3/msr")
    }

    @Test func noDriverIsSaidSo() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let reader = ModelSpecificRegisterReader(root: tree.root)
        do {
            _ = try reader.read(.lstar, cpu: 0)
            Issue.record("read without a driver")
        } catch {
            guard case .driverMissing(cpu: 0, let cause) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(cause.kind == .notFound)
            #expect(error.description == "/dev/cpu/0/msr is missing (load the msr module)")
        }
    }

    @Test func aShortReadIsAFailure() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        // Only the SYSENTER registers: the file ends long before IA32_STAR.
        try Self.writeRegisters([0x174: Self.sysenterBytes], cpu: 0, in: tree)
        let reader = ModelSpecificRegisterReader(root: tree.root)
        #expect(try reader.read(.sysenterEIP, cpu: 0) == Self.value(.sysenterEIP))
        #expect(throws: ModelSpecificRegisterReader.Failure.self) { try reader.read(.lstar, cpu: 0) }
        #expect(throws: ModelSpecificRegisterReader.Failure.self) { try reader.read(ModelSpecificRegister.allCases, cpu: 0) }
    }

    @Test func hostProcessorsBelowARoot() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("sys/devices/system/cpu/online", "0-1\n")
        try tree.write("proc/cpuinfo", """
            processor\t: 0
            vendor_id\t: GenuineIntel
            flags\t\t: fpu smep smap umip

            processor\t: 1
            vendor_id\t: GenuineIntel
            flags\t\t: fpu smep smap umip

            """)
        try tree.write("proc/cmdline", "root=/dev/vda nosmap\n")
        try Self.writeRegisters(cpu: 0, in: tree)
        let host = HostProcessorState(root: tree.root)
        #expect(try host.onlineProcessors() == [0, 1])
        let platform = try host.platform()
        #expect(platform.isIntel)
        #expect(platform.expectedControlRegister4 == [.smep, .umip])
        #expect(try host.modelSpecificRegisters(cpu: 0) == Self.values)
        #expect(throws: (any Error).self, "no msr file for CPU 1") { try host.modelSpecificRegisters(cpu: 1) }
        #expect(throws: (any Error).self, "no BTF") { try host.memberOffset(of: "cr4", in: "tlb_state") }
        try tree.write("sys/kernel/btf/vmlinux", "not BTF")
        #expect(throws: ParseError.self) { try host.memberOffset(of: "cr4", in: "tlb_state") }
        try tree.write("sys/devices/system/cpu/online", "0-x\n")
        #expect(throws: ParseError.self) { try host.onlineProcessors() }
    }

    @Test func theFirstProcessorBlockEndsAtABlankLine() {
        #expect(HostProcessorState.containsBlankLine(Array("a\n\nb".utf8)))
        #expect(!HostProcessorState.containsBlankLine(Array("a\nb\n".utf8)))
    }
}
