import Testing
@testable import VigilCore

extension KernelIntegrityTests {
    @Suite("kallsyms byte parser and symbol layers")
    struct KallsymsBytesParserTests {
        static let moduleText = """
            ffffffff81000000 T _stext
            ffffffff81000100 t do_one\t
            ffffffffc0a01000 t helper\t[vigil_test]
            ffffffffc0a02000 d helper_data\t[vigil_test]
            ffffffff81000200 T do_two
            ffffffffc0c00000 t ftrace_trampoline\t[__builtin__ftrace]

            """

        static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

        @Test func agreesWithTheStringParserOnTheDebianFixture() throws {
            let text = try CoreFixture.text("rootfs/debian-6.1.0-56-amd64/proc/kallsyms")
            let fromBytes = try KallsymsParser.parse(bytes: Self.bytes(text))
            let fromString = try KallsymsParser.parse(text)
            #expect(fromBytes.count == 2000)
            #expect(fromBytes == fromString)
            #expect(try KallsymsParser.parse(bytes: Self.bytes(text), modulesOnly: true).isEmpty, "the fixture has no module lines")
        }

        @Test func agreesOnModuleLines() throws {
            let fromBytes = try KallsymsParser.parse(bytes: Self.bytes(Self.moduleText))
            #expect(fromBytes == (try KallsymsParser.parse(Self.moduleText)))
            #expect(fromBytes.count == 6)
            #expect(fromBytes[1] == KernelSymbol(address: 0xffff_ffff_8100_0100, type: "t", name: "do_one"), "a trailing tab is no field")
            #expect(fromBytes[2] == KernelSymbol(address: 0xffff_ffff_c0a0_1000, type: "t", name: "helper", module: "vigil_test"))
        }

        @Test func modulesOnlyKeepsTaggedLines() throws {
            let symbols = try KallsymsParser.parse(bytes: Self.bytes(Self.moduleText), modulesOnly: true)
            #expect(symbols.map(\.name) == ["helper", "helper_data", "ftrace_trampoline"])
            #expect(symbols.allSatisfy { $0.module != nil })
            #expect(symbols == (try KallsymsParser.parse(Self.moduleText)).filter { $0.module != nil })
        }

        @Test func modulesOnlySkipsMalformedCoreLinesUnparsed() throws {
            // Lines without a tag are not parsed at all, so a bad core line does not fail a module refresh.
            let text = "ffffffff81000000 T\nffffffffc0a01000 t helper\t[vigil_test]\n"
            #expect(try KallsymsParser.parse(bytes: Self.bytes(text), modulesOnly: true).map(\.name) == ["helper"])
            #expect(throws: ParseError.self) { try KallsymsParser.parse(bytes: Self.bytes(text)) }
        }

        @Test(arguments: [
            ("ffffffff81000000 T", "expected 3 or 4 fields, found 2"),
            ("zzzz T name", "address 'zzzz' is not hexadecimal"),
            ("ffffffff81000000 TT name", "symbol type 'TT' is not a single letter"),
            ("ffffffff81000000 1 name", "symbol type '1' is not a single letter"),
            ("ffffffff81000000 t name mod", "module tag 'mod' is not of the form [name]"),
            ("ffffffff81000000 t name []", "module tag '[]' is not of the form [name]"),
            ("ffffffff81000000 t name [mod] extra", "expected 3 or 4 fields, found 5"),
            ("   ", "expected 3 or 4 fields, found 0"),
        ])
        func malformedLinesNameTheirLine(line: String, reason: String) {
            // Line 3: an empty line 2 still counts.
            let text = "ffffffff81000000 T _stext\n\n\(line)\nffffffff81000100 T after\n"
            #expect(throws: ParseError(format: "kallsyms", location: .line(3), reason: reason)) {
                try KallsymsParser.parse(bytes: Self.bytes(text))
            }
            #expect(throws: ParseError(format: "kallsyms", location: .line(3), reason: reason)) {
                try KallsymsParser.parse(text)
            }
        }

        @Test func malformedModuleLineWithModulesOnly() {
            let text = "ffffffff81000000 T _stext\nzzzz t helper\t[vigil_test]\n"
            #expect(throws: ParseError(format: "kallsyms", location: .line(2), reason: "address 'zzzz' is not hexadecimal")) {
                try KallsymsParser.parse(bytes: Self.bytes(text), modulesOnly: true)
            }
        }

        @Test func truncatedFinalLineIsIgnored() throws {
            let text = "ffffffff81000000 T _stext\nffffffff81000100 T do_"
            #expect(try KallsymsParser.parse(bytes: Self.bytes(text)).map(\.name) == ["_stext"])
            #expect(try KallsymsParser.parse(bytes: Self.bytes("ffffffffc0a01000 t helper\t[vigil_te"), modulesOnly: true).isEmpty)
            // Even a cut-off line that would not parse.
            #expect(try KallsymsParser.parse(bytes: Self.bytes("ffffffff81000000 T _stext\nzz")).count == 1)
            #expect(try KallsymsParser.parse(bytes: []).isEmpty)
            #expect(try KallsymsParser.parse(bytes: Self.bytes("\n\n")).isEmpty)
        }

        @Test func addressesAndTypes() throws {
            let symbols = try KallsymsParser.parse(bytes: Self.bytes("FFFFFFFF81000000 T upper\n0000000000000000 A fixed_percpu_data\n0 ? odd\n"))
            #expect(symbols[0].address == 0xffff_ffff_8100_0000)
            #expect(symbols[1].address == 0)
            #expect(symbols[2].type == "?")
            #expect(!KallsymsParser.addressesVisible(in: [symbols[1]]))
        }

        /// A file whose first line is empty once read bytes[-1] with modulesOnly.
        @Test func modulesOnlyWithALeadingEmptyLine() async throws {
            await #expect(processExitsWith: .success) {
                _ = try? KallsymsParser.parse(bytes: [0x0A], modulesOnly: true)
            }
            #expect(try KallsymsParser.parse(bytes: [0x0A], modulesOnly: true).isEmpty)
        }

        /// The byte parser rejects what kallsyms never prints (a `0x` prefix, 17 digits, extra
        /// fields), as the text parser does, with its own wording.
        @Test func rejectsWhatKallsymsNeverPrints() {
            for line in ["0xffffffff81000000 T prefixed\n", "00ffffffff81000000 T seventeen\n", "ffffffff81000000 t name [m] x y\n"] {
                #expect(throws: ParseError.self, "\(line)") { _ = try KallsymsParser.parse(bytes: Self.bytes(line)) }
            }
        }

        // MARK: KernelSymbols

        static let layered = KernelSymbols([
            KernelSymbol(address: 0xffff_ffff_8100_0000, type: "T", name: "_stext"),
            KernelSymbol(address: 0xffff_ffff_8100_0100, type: "T", name: "do_one"),
            KernelSymbol(address: 0xffff_ffff_8200_0000, type: "T", name: "_etext"),
            KernelSymbol(address: 0xffff_ffff_c0a0_1000, type: "t", name: "helper", module: "vigil_test"),
            KernelSymbol(address: 0xffff_ffff_c0a0_2000, type: "d", name: "helper_data", module: "vigil_test"),
            KernelSymbol(address: 0xffff_ffff_c0c0_0000, type: "t", name: "ftrace_trampoline", module: "__builtin__ftrace"),
            KernelSymbol(address: 0xffff_ffff_8100_0100, type: "t", name: "shadow", module: "vigil_test"),
        ])

        @Test func locatePicksTheNearerLayer() {
            let symbols = Self.layered
            #expect(symbols.core.count == 3)
            #expect(symbols.dynamic.count == 4)
            #expect(symbols.locate(0xffff_ffff_8100_0050)?.description == "_stext+0x50", "no module symbol below")
            #expect(symbols.locate(0xffff_ffff_c0a0_1010)?.description == "helper+0x10 [vigil_test]", "the module's symbol is nearer than _etext")
            #expect(symbols.locate(0xffff_ffff_8200_0010)?.description == "_etext+0x10", "core's _etext is nearer than the module's shadow")
            #expect(symbols.locate(0xffff_ffff_8100_0104)?.symbol.module == "vigil_test", "at the same address the dynamic layer wins")
            #expect(symbols.locate(0x1000) == nil)
        }

        @Test func layersAnswerByModule() {
            let symbols = Self.layered
            #expect(symbols.address(of: "do_one") == 0xffff_ffff_8100_0100)
            #expect(symbols.address(of: "helper") == nil, "module symbols need their module")
            #expect(symbols.address(of: "helper", module: "vigil_test") == 0xffff_ffff_c0a0_1000)
            #expect(symbols.isFunctionStart(0xffff_ffff_c0a0_1000))
            #expect(symbols.isFunctionStart(0xffff_ffff_8100_0100))
            #expect(!symbols.isFunctionStart(0xffff_ffff_c0a0_2000))
            #expect(symbols.textSymbols(module: "vigil_test").map(\.name) == ["shadow", "helper"])
            #expect(symbols.textSymbols(module: nil).map(\.name) == ["_stext", "do_one", "_etext"])
            #expect(symbols.modules == ["vigil_test"], "pseudo-modules are not modules")
        }

        @Test func replacingTheDynamicLayerKeepsCore() {
            let fresh = Self.layered.replacingDynamic([
                KernelSymbol(address: 0xffff_ffff_c0b0_0000, type: "t", name: "other_init", module: "other"),
                KernelSymbol(address: 0xffff_ffff_8100_0200, type: "T", name: "untagged_is_dropped"),
            ])
            #expect(fresh.core.count == 3)
            #expect(fresh.dynamic.count == 1)
            #expect(fresh.modules == ["other"])
            #expect(fresh.locate(0xffff_ffff_c0a0_1010)?.description == "_etext+0x3ea01010", "vigil_test's symbols are gone")
        }

        @Test func resolverClassifiesWithBothLayers() {
            let resolver = SymbolPatchTargetResolver(symbols: KernelSymbols([
                KernelSymbol(address: 0xffff_ffff_8100_0000, type: "T", name: "ftrace_caller"),
                KernelSymbol(address: 0xffff_ffff_8100_0100, type: "T", name: "ftrace_regs_caller"),
                KernelSymbol(address: 0xffff_ffff_8100_0200, type: "T", name: "do_work"),
                KernelSymbol(address: 0xffff_ffff_8100_0300, type: "D", name: "some_data"),
                KernelSymbol(address: 0xffff_ffff_c0c0_0000, type: "t", name: "ftrace_trampoline", module: "__builtin__ftrace"),
                KernelSymbol(address: 0xffff_ffff_c0d0_0000, type: "t", name: "bpf_trampoline_6442", module: "bpf"),
                KernelSymbol(address: 0xffff_ffff_c0d1_0000, type: "t", name: "bpf_prog_abc_vigil", module: "bpf"),
                KernelSymbol(address: 0xffff_ffff_c0e0_0000, type: "t", name: "kprobe_insn_page", module: "__builtin__kprobes"),
                KernelSymbol(address: 0xffff_ffff_c0a0_1000, type: "t", name: "helper", module: "vigil_test"),
            ]))
            #expect(resolver.classify(0xffff_ffff_8100_0000) == .ftraceEntryPoint)
            #expect(resolver.classify(0xffff_ffff_8100_0100) == .ftraceEntryPoint)
            #expect(resolver.classify(0xffff_ffff_8100_0200) == .functionStart(name: "do_work", module: nil))
            #expect(resolver.classify(0xffff_ffff_8100_0204) == .unknown)
            #expect(resolver.classify(0xffff_ffff_8100_0300) == .unknown, "data is no function")
            #expect(resolver.classify(0xffff_ffff_c0c0_0000) == .ftraceTrampoline)
            #expect(resolver.classify(0xffff_ffff_c0d0_0000) == .bpfTrampoline)
            #expect(resolver.classify(0xffff_ffff_c0d1_0000) == .functionStart(name: "bpf_prog_abc_vigil", module: "bpf"))
            #expect(resolver.classify(0xffff_ffff_c0e0_0040) == .kprobeSlot)
            #expect(resolver.classify(0xffff_ffff_c0a0_1000) == .functionStart(name: "helper", module: "vigil_test"))
            #expect(resolver.classify(0x1000) == .unknown)
        }
    }
}
