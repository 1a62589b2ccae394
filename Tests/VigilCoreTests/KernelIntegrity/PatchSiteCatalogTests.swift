import Testing
@testable import VigilCore

extension KernelIntegrityTests {
    @Suite("patch site catalog")
    struct PatchSiteCatalogTests {
        static let base: UInt64 = 0xffff_ffff_8100_0000
        static let size = 0x200
        static let table: UInt64 = 0xffff_ffff_8200_0000
        static let key: UInt64 = 0xffff_ffff_8300_0000
        static let ftraceCaller: UInt64 = 0xffff_ffff_8110_0000
        static let ordinary: UInt64 = 0xffff_ffff_8120_0000

        /// One `struct jump_entry`: every field relative to its own address.
        static func jumpEntry(at entry: UInt64, code: UInt64, target: UInt64) -> [UInt8] {
            Encode.le32(Encode.displacement(from: entry, to: code))
                + Encode.le32(Encode.displacement(from: entry + 4, to: target))
                + Encode.le64(key &- (entry + 8))
        }

        /// One `struct static_call_site`.
        static func staticCallSite(at entry: UInt64, address: UInt64) -> [UInt8] {
            Encode.le32(Encode.displacement(from: entry, to: address)) + Encode.le32(Encode.displacement(from: entry + 4, to: key))
        }

        static func image(_ edits: [(offset: Int, bytes: [UInt8])]) -> TextImage {
            var bytes = [UInt8](repeating: 0x55, count: size)
            for edit in edits { bytes.put(edit.bytes, at: edit.offset) }
            return TextImage(base: base, bytes: bytes)
        }

        @Test func textImageBounds() {
            let text = TextImage(base: Self.base, bytes: [1, 2, 3, 4])
            #expect(text.end == Self.base + 4)
            #expect(text.contains(Self.base, length: 4))
            #expect(!text.contains(Self.base, length: 5))
            #expect(text.contains(Self.base + 4, length: 0))
            #expect(!text.contains(Self.base - 1))
            #expect(Array(text.bytes(at: Self.base + 2, count: 10)) == [3, 4], "clipped to the image")
            #expect(text.bytes(at: Self.base + 4, count: 1).isEmpty)
            #expect(text.bytes(at: Self.base - 1, count: 2).isEmpty)
        }

        @Test func jumpLabelsTellTwoFromFiveBytes() {
            let text = Self.image([
                (0x10, X86Instruction.nop5),
                (0x20, X86Instruction.nop2),
                (0x30, Encode.jmp8(at: Self.base + 0x30, to: Self.base + 0x38)),
                (0x40, Encode.jmp(at: Self.base + 0x40, to: Self.base + 0x100)),
            ])
            let entries: [(code: UInt64, target: UInt64)] = [
                (Self.base + 0x10, Self.base + 0x80),
                (Self.base + 0x20, Self.base + 0x28),
                (Self.base + 0x30, Self.base + 0x38),
                (Self.base + 0x40, Self.base + 0x100),
                // Outside the image: above, below, and too close to its end for 5 bytes.
                (Self.base + 0x1000, Self.base + 0x1010),
                (Self.base - 0x100, Self.base),
                (Self.base + UInt64(Self.size) - 3, Self.base),
            ]
            var table: [UInt8] = []
            for (index, entry) in entries.enumerated() {
                table += Self.jumpEntry(at: Self.table + UInt64(16 * index), code: entry.code, target: entry.target)
            }
            table += [0xAA, 0xBB, 0xCC] // a torn last entry is ignored
            let sites = PatchSiteCatalog.jumpLabels(table: table, tableAddress: Self.table, text: text)
            #expect(sites == [
                PatchSite(address: Self.base + 0x10, length: 5, kind: .jumpLabel(target: Self.base + 0x80)),
                PatchSite(address: Self.base + 0x20, length: 2, kind: .jumpLabel(target: Self.base + 0x28)),
                PatchSite(address: Self.base + 0x30, length: 2, kind: .jumpLabel(target: Self.base + 0x38)),
                PatchSite(address: Self.base + 0x40, length: 5, kind: .jumpLabel(target: Self.base + 0x100)),
            ])
            #expect(sites.map(\.label) == Array(repeating: "jump label", count: 4))
            #expect(sites[0].end == Self.base + 0x15)
        }

        @Test func jumpLabelTargetsBehindTheirCode() {
            // A label whose code sits after its table, with a target before the code: both negative and positive offsets.
            let tableAddress = Self.base + 0x100
            let text = Self.image([(0x180, X86Instruction.nop5)])
            let table = Self.jumpEntry(at: tableAddress, code: Self.base + 0x180, target: Self.base + 0x08)
            #expect(PatchSiteCatalog.jumpLabels(table: table, tableAddress: tableAddress, text: text)
                == [PatchSite(address: Self.base + 0x180, length: 5, kind: .jumpLabel(target: Self.base + 0x08))])
            #expect(PatchSiteCatalog.jumpLabels(table: [], tableAddress: tableAddress, text: text).isEmpty)
        }

        @Test func staticCallSites() {
            let text = Self.image([
                (0x60, Encode.call(at: Self.base + 0x60, to: Self.ordinary)),
                (0x70, Encode.jcc(0x85, at: Self.base + 0x70, to: Self.ordinary)),
                (0x80, X86Instruction.nop5),
                (Self.size - 5, [0x0F, 0x84, 0, 0, 0]),
            ])
            let addresses = [Self.base + 0x60, Self.base + 0x70, Self.base + 0x80, Self.base + 0x4000, Self.base + UInt64(Self.size) - 5]
            var table: [UInt8] = []
            for (index, address) in addresses.enumerated() {
                table += Self.staticCallSite(at: Self.table + UInt64(8 * index), address: address)
            }
            #expect(PatchSiteCatalog.staticCallSites(table: table, tableAddress: Self.table, text: text) == [
                PatchSite(address: Self.base + 0x60, length: 5, kind: .staticCall),
                PatchSite(address: Self.base + 0x70, length: 6, kind: .staticCall),
                PatchSite(address: Self.base + 0x80, length: 5, kind: .staticCall),
            ])
        }

        @Test func ftraceEntriesWithAndWithoutEndbr() {
            let f = (0..<8).map { Self.base + 0x80 + UInt64($0 * 0x10) }
            let text = Self.image([
                (0x80, X86Instruction.nop5),                                                      // f0: nop at the start
                (0x90, X86Instruction.endbr64 + X86Instruction.nop5),                             // f1: after endbr64
                (0xA0, X86Instruction.endbr64 + Encode.call(at: f[2] + 4, to: Self.ftraceCaller)), // f2: traced, after endbr64
                (0xB0, Encode.call(at: f[3], to: Self.ordinary)),                                  // f3: its own call
                (0xC0, X86Instruction.endbr64 + Encode.call(at: f[4] + 4, to: Self.ordinary)),     // f4: its own call after endbr64
                (0xD0, Encode.call(at: f[5], to: Self.ftraceCaller)),                              // f5: traced
                (0xE0, [0x90] + X86Instruction.nop5),                                              // f6: nop5 one byte in: not a site
                (0xF0, X86Instruction.nop2 + X86Instruction.nop5),                                 // f7: no endbr64: start+4 not looked at
            ])
            let starts = f + [Self.base + 0x4000, Self.base + UInt64(Self.size) - 3]
            let sites = PatchSiteCatalog.ftraceEntries(functionStarts: starts, text: text) { $0 == Self.ftraceCaller }
            #expect(sites == [
                PatchSite(address: f[0], length: 5, kind: .ftraceEntry),
                PatchSite(address: f[1] + 4, length: 5, kind: .ftraceEntry),
                PatchSite(address: f[2] + 4, length: 5, kind: .ftraceEntry),
                PatchSite(address: f[5], length: 5, kind: .ftraceEntry),
            ])
        }

        @Test func trampolinesAndCallersInsideTheImage() {
            let text = Self.image([])
            #expect(PatchSiteCatalog.staticCallTrampolines([Self.base + 0x10, Self.base + 0x5000, Self.base + UInt64(Self.size) - 4], text: text)
                == [PatchSite(address: Self.base + 0x10, length: 5, kind: .staticCallTrampoline)])
            #expect(PatchSiteCatalog.ftraceCallers([Self.base - 8, Self.base + 0x20], text: text)
                == [PatchSite(address: Self.base + 0x20, length: 5, kind: .ftraceCaller)])
        }

        @Test func mergeKeepsTheFirstKindAndSorts() {
            let ftrace = [PatchSite(address: Self.base + 0x40, length: 5, kind: .ftraceEntry)]
            let trampolines = [
                PatchSite(address: Self.base + 0x40, length: 5, kind: .staticCallTrampoline),
                PatchSite(address: Self.base + 0x10, length: 5, kind: .staticCallTrampoline),
            ]
            let labels = [
                PatchSite(address: Self.base + 0x80, length: 2, kind: .jumpLabel(target: Self.base)),
                PatchSite(address: Self.base + 0x10, length: 5, kind: .jumpLabel(target: Self.base)),
            ]
            #expect(PatchSiteCatalog.merge([ftrace, trampolines, labels]) == [
                PatchSite(address: Self.base + 0x10, length: 5, kind: .staticCallTrampoline),
                PatchSite(address: Self.base + 0x40, length: 5, kind: .ftraceEntry),
                PatchSite(address: Self.base + 0x80, length: 2, kind: .jumpLabel(target: Self.base)),
            ])
            #expect(PatchSiteCatalog.merge([]).isEmpty)
        }
    }
}
