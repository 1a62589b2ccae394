import Testing
@testable import VigilCore

extension KernelIntegrityTests {
    @Suite("memory region validator")
    struct MemoryRegionValidatorTests {
        static let base: UInt64 = 0xffff_ffff_8100_0000
        static let label: UInt64 = base + 0x10
        static let labelTarget: UInt64 = base + 0x80
        static let ftraceSite: UInt64 = base + 0x40
        static let shortLabel: UInt64 = base + 0x60
        static let ftraceCaller: UInt64 = base + 0xF0
        static let kprobeSlot: UInt64 = 0xffff_ffff_c0e0_0000
        static let hookFunction: UInt64 = 0xffff_ffff_c0a0_1000

        static let resolver = FakeResolver(targets: [
            ftraceCaller: .ftraceEntryPoint,
            labelTarget: .functionStart(name: "target", module: nil),
            kprobeSlot: .kprobeSlot,
            hookFunction: .functionStart(name: "hook", module: "vigil_rootkit"),
        ])

        /// A core-text-like region: filler code, a 5-byte jump label, a 2-byte one and an ftrace site.
        static let baseline: MemoryRegionBaseline = {
            var bytes = (0..<0x100).map { UInt8(truncatingIfNeeded: 0x40 + $0 % 0x30) }
            bytes.put(X86Instruction.nop5, at: 0x10)
            bytes.put(X86Instruction.nop5, at: 0x40)
            bytes.put(X86Instruction.nop2, at: 0x60)
            return MemoryRegionBaseline(name: "core text", check: .coreText, image: TextImage(base: base, bytes: bytes), sites: [
                PatchSite(address: ftraceSite, length: 5, kind: .ftraceEntry),
                PatchSite(address: label, length: 5, kind: .jumpLabel(target: labelTarget)),
                PatchSite(address: shortLabel, length: 2, kind: .jumpLabel(target: base + 0x70)),
            ])
        }()

        static func current(_ edits: [(address: UInt64, bytes: [UInt8])]) -> [UInt8] {
            var bytes = baseline.image.bytes
            for edit in edits { bytes.put(edit.bytes, at: Int(edit.address - base)) }
            return bytes
        }

        static func compare(_ edits: [(address: UInt64, bytes: [UInt8])], kprobes: Set<UInt64>? = []) -> [TextChange] {
            MemoryRegionValidator.compare(baseline, current: current(edits), resolver: resolver, kprobes: kprobes)
        }

        @Test func baselineIndexesItsSites() {
            #expect(Self.baseline.sites.map(\.address) == [Self.label, Self.ftraceSite, Self.shortLabel], "sorted on init")
            #expect(Self.baseline.site(containing: Self.label)?.address == Self.label)
            #expect(Self.baseline.site(containing: Self.label + 4)?.address == Self.label)
            #expect(Self.baseline.site(containing: Self.label + 5) == nil)
            #expect(Self.baseline.site(containing: Self.shortLabel + 1)?.length == 2)
            #expect(Self.baseline.site(containing: Self.shortLabel + 2) == nil)
            #expect(Self.baseline.site(containing: Self.base) == nil)
            #expect(Self.baseline.size == 0x100)
        }

        @Test func unchangedRegion() {
            #expect(Self.compare([]).isEmpty)
        }

        @Test func legitimateJumpLabelToggle() {
            let on = Encode.jmp(at: Self.label, to: Self.labelTarget)
            let changes = Self.compare([(Self.label, on)])
            #expect(changes.count == 1)
            #expect(changes.first?.verdict == .legitimate(states: ["jump label on"]))
            #expect(changes.first?.isTampered == false)
            // The change starts at the first differing byte (E9 against 0F).
            #expect(changes.first?.address == Self.label)
            #expect(changes.first?.actual.first == 0xE9)
            let short = Self.compare([(Self.shortLabel, Encode.jmp8(at: Self.shortLabel, to: Self.base + 0x70))])
            #expect(short.map(\.verdict) == [.legitimate(states: ["jump label on"])])
        }

        @Test func severalLegitimateSites() {
            // Label and ftrace site changed together, 0x30 apart: two ranges, each legitimate.
            let changes = Self.compare([
                (Self.label, Encode.jmp(at: Self.label, to: Self.labelTarget)),
                (Self.ftraceSite, Encode.call(at: Self.ftraceSite, to: Self.ftraceCaller)),
            ])
            #expect(changes.map(\.verdict) == [.legitimate(states: ["jump label on"]), .legitimate(states: ["ftrace site calls ftrace"])])
        }

        @Test func aByteOutsideAnySite() {
            let address = Self.base + 0x30
            let original = Self.baseline.image.bytes[0x30]
            let changes = Self.compare([(address, [original ^ 0x01])])
            #expect(changes == [TextChange(address: address, expected: [original], actual: [original ^ 0x01], verdict: .tampered(reason: "outside any patch site"))])
        }

        @Test func aByteNextToALegitimateSiteIsStillTampering() {
            // A legitimate state at the site does not launder the byte after it.
            let changes = Self.compare([
                (Self.label, Encode.jmp(at: Self.label, to: Self.labelTarget)),
                (Self.label + 6, [0x00]),
            ])
            #expect(changes.count == 1)
            #expect(changes.first?.verdict == .tampered(reason: "outside any patch site"))
        }

        @Test func sevenByteInlineHookOverAnFtraceSite() {
            // movabs-style hook: a jump where ftrace's NOP was, and two more bytes beyond the site.
            let hook = Encode.jmp(at: Self.ftraceSite, to: Self.hookFunction) + [0xFF, 0xE0]
            let changes = Self.compare([(Self.ftraceSite, hook)])
            #expect(changes.count == 1)
            #expect(changes.first?.verdict == .tampered(reason: "ftrace site: ftrace site holds neither its NOP nor a call"))
            #expect(changes.first?.actual == hook)
            // Even when the first five bytes look like ftrace's call, the two after it are not a site.
            let disguised = Encode.call(at: Self.ftraceSite, to: Self.ftraceCaller) + [0xFF, 0xE0]
            #expect(Self.compare([(Self.ftraceSite, disguised)]).first?.verdict == .tampered(reason: "outside any patch site"))
            // A call to a module function is no ftrace state either.
            let call = Encode.call(at: Self.ftraceSite, to: Self.hookFunction)
            #expect(Self.compare([(Self.ftraceSite, call)]).first?.verdict
                == .tampered(reason: "ftrace site: ftrace site calls hook [vigil_rootkit], which is not ftrace"))
        }

        @Test func int3AtARegisteredKprobe() {
            let probe = Self.base + 0x33
            let changes = Self.compare([(probe, [X86Instruction.int3])], kprobes: [probe])
            #expect(changes.map(\.verdict) == [.legitimate(states: ["kprobe"])])
        }

        @Test func optimizedKprobeJumpsToItsSlot() {
            let probe = Self.base + 0x28
            let changes = Self.compare([(probe, Encode.jmp(at: probe, to: Self.kprobeSlot))], kprobes: [probe])
            #expect(changes.map(\.verdict) == [.legitimate(states: ["optimized kprobe"])])
            // A jump elsewhere at a kprobe's address is no optimized kprobe.
            let elsewhere = Self.compare([(probe, Encode.jmp(at: probe, to: Self.hookFunction))], kprobes: [probe])
            #expect(elsewhere.first?.isTampered == true)
        }

        @Test func int3WithoutAKprobeList() {
            let changes = Self.compare([(Self.base + 0x33, [X86Instruction.int3])], kprobes: nil)
            #expect(changes.map(\.verdict) == [.tampered(reason: "int3 outside any patch site (a kprobe, if registered, could not be listed)")])
            // An empty list is a list: no hint.
            let empty = Self.compare([(Self.base + 0x33, [X86Instruction.int3])], kprobes: [])
            #expect(empty.map(\.verdict) == [.tampered(reason: "outside any patch site")])
            // With a list that does not have the address, the hint is not given.
            let listed = Self.compare([(Self.base + 0x33, [X86Instruction.int3])], kprobes: [Self.base + 0x20])
            #expect(listed.map(\.verdict) == [.tampered(reason: "outside any patch site")])
        }

        @Test func halfPatchedSite() {
            var bytes = Encode.jmp(at: Self.label, to: Self.labelTarget)
            bytes[0] = X86Instruction.int3
            #expect(Self.compare([(Self.label, bytes)]).map(\.verdict) == [.inTransition])
            // Tampering in the same range wins over the transition.
            let both = Self.compare([(Self.label, bytes), (Self.label + 5, [0x00])])
            #expect(both.first?.isTampered == true)
        }

        @Test func regionChangedSize() {
            let shorter = Array(Self.baseline.image.bytes.prefix(0xF0))
            let changes = MemoryRegionValidator.compare(Self.baseline, current: shorter, resolver: Self.resolver)
            #expect(changes.count == 1)
            #expect(changes.first?.address == Self.base + 0xF0)
            #expect(changes.first?.verdict == .tampered(reason: "the region changed size"))
            #expect(changes.first?.expected.count == 0x10)
            #expect(changes.first?.actual.isEmpty == true)
        }

        /// Changes keep every byte (kint_enforce=0 adopts them all); findings clip the evidence.
        @Test func changesKeepEveryByte() {
            let long = [UInt8](repeating: 0x00, count: 48)
            let changes = Self.compare([(Self.base + 0x80, long)])
            #expect(changes.count == 1)
            #expect(changes.first?.expected.count == 48)
            #expect(changes.first?.actual == Array(repeating: 0x00, count: 48))
        }

        @Test func adoptReplacesBaselineBytes() {
            var baseline = Self.baseline
            baseline.adopt([1, 2, 3], at: Self.base + 0x30)
            #expect(Array(baseline.image.bytes[0x30..<0x33]) == [1, 2, 3])
            let before = baseline
            baseline.adopt([1, 2, 3], at: Self.base + 0xFE)
            #expect(baseline == before, "bytes running past the region are not adopted")
        }
    }
}
