import Testing
@testable import VigilCore

@Suite("symbol table")
struct SymbolTableTests {
    static func fixtureTable(_ tree: String) throws -> SymbolTable {
        SymbolTable(try KallsymsParser.parse(try CoreFixture.text("rootfs/\(tree)/proc/kallsyms")))
    }

    @Test func indexesTheDebian61Head() throws {
        let table = try Self.fixtureTable("debian-6.1.0-56-amd64")
        #expect(table.count == 2000)
        #expect(table.address(of: "_stext") == 0xffff_ffff_b0a0_0000)
        #expect(table.address(of: "_stext", module: "ext4") == nil)
        #expect(table.address(of: "no_such_symbol") == nil)
        #expect(table.addresses(named: "event_show").count == 7)
        #expect(table.addresses(named: "mfn_to_pfn") == [0xffff_ffff_b0a2_0c30, 0xffff_ffff_b0a2_11d0, 0xffff_ffff_b0a2_3e90])
        #expect(table.modules.isEmpty)

        // startup_64 and _stext share an address: both text, neither `__`, so kallsyms order decides.
        #expect(table.locate(0xffff_ffff_b0a0_0000)?.description == "startup_64+0x0")
        #expect(table.locate(0xffff_ffff_b0a4_4509)?.description == "putreg+0x9")
        // Past the last symbol of the head, the last symbol still contains the address.
        #expect(table.locate(0xffff_ffff_b0a4_4800)?.description == "genregs_set+0x130")
        // The per-CPU area: `fixed_percpu_data` beats `__per_cpu_start`, both absolute at zero.
        #expect(table.locate(0)?.symbol.name == "fixed_percpu_data")

        #expect(table.isFunctionStart(0xffff_ffff_b0a4_4500))
        #expect(!table.isFunctionStart(0xffff_ffff_b0a4_4501))
        #expect(!table.isFunctionStart(0x1000), "cpu_debug_store is absolute, not text")

        let text = table.textSymbols(module: nil)
        #expect(text.count == 1617)
        #expect(text.first?.name == "startup_64")
        #expect(zip(text, text.dropFirst()).allSatisfy { $0.address <= $1.address })
        #expect(table.symbols(inModule: nil).count == 2000)
    }

    @Test func prefersTheFunctionOverItsPaddingSymbolOn612() throws {
        let table = try Self.fixtureTable("debian-6.12.117+deb12-amd64")
        // _stext, _text and __pfx_sev_es_terminate share an address.
        #expect(table.locate(0xffff_ffff_b8a0_0000)?.symbol.name == "_stext")
        #expect(table.locate(0xffff_ffff_b8a0_0019)?.description == "sev_es_terminate+0x9")
        // The 16 bytes of padding before a function belong to its __pfx_ symbol.
        #expect(table.locate(0xffff_ffff_b8a0_0044)?.description == "__pfx_snp_cpuid+0x4")
        #expect(table.isFunctionStart(0xffff_ffff_b8a0_0050))
    }

    static let synthetic: [KernelSymbol] = [
        KernelSymbol(address: 0xffff_ffff_c0a0_1000, type: "t", name: "helper", module: "vigil_rootkit"),
        KernelSymbol(address: 0xffff_ffff_8100_0000, type: "T", name: "_stext"),
        KernelSymbol(address: 0xffff_ffff_8120_0000, type: "T", name: "do_sys_openat2"),
        KernelSymbol(address: 0xffff_ffff_811f_fff0, type: "t", name: "__pfx_do_sys_openat2"),
        KernelSymbol(address: 0xffff_ffff_8120_0000, type: "d", name: "data_alias"),
        KernelSymbol(address: 0xffff_ffff_c0a0_2000, type: "d", name: "helper_data", module: "vigil_rootkit"),
        KernelSymbol(address: 0xffff_ffff_c0b0_0000, type: "t", name: "helper", module: "vigil_vuln"),
        KernelSymbol(address: 0xffff_ffff_c0c0_0000, type: "t", name: "ftrace_trampoline", module: "__builtin__ftrace"),
        KernelSymbol(address: 0xffff_ffff_c0d0_0000, type: "t", name: "bpf_prog_6deef7357e7b4530_vigil", module: "bpf"),
        KernelSymbol(address: 0xffff_ffff_c0e0_0000, type: "t", name: "kprobe_insn_page", module: "__builtin__kprobes"),
        KernelSymbol(address: 0xffff_ffff_c0f0_0000, type: "t", name: "filter_hook", module: "bpfilter"),
    ]

    @Test func answersForModulesAndTies() {
        let table = SymbolTable(Self.synthetic)
        #expect(table.modules == ["vigil_rootkit", "vigil_vuln", "bpfilter"])
        #expect(table.address(of: "helper") == nil, "no core-kernel helper")
        #expect(table.address(of: "helper", module: "vigil_vuln") == 0xffff_ffff_c0b0_0000)
        #expect(table.addresses(named: "helper") == [0xffff_ffff_c0a0_1000, 0xffff_ffff_c0b0_0000])
        #expect(table.locate(0xffff_ffff_c0a0_1010)?.description == "helper+0x10 [vigil_rootkit]")
        #expect(table.locate(0xffff_ffff_8120_0009)?.description == "do_sys_openat2+0x9", "text beats data at one address")
        #expect(table.locate(0xffff_ffff_80ff_ffff) == nil, "below every symbol")
        #expect(table.isFunctionStart(0xffff_ffff_8120_0000))
        #expect(!table.isFunctionStart(0xffff_ffff_c0a0_2000))
        #expect(table.textSymbols(module: "vigil_rootkit").map(\.name) == ["helper"])
        #expect(table.textSymbols(module: nil).map(\.name) == ["_stext", "__pfx_do_sys_openat2", "do_sys_openat2"])
        #expect(table.symbols(inModule: "vigil_rootkit").map(\.name) == ["helper", "helper_data"])
    }

    @Test func anEmptyTableFindsNothing() {
        let table = SymbolTable([])
        #expect(table.count == 0)
        #expect(table.locate(0xffff_ffff_8100_0000) == nil)
        #expect(!table.isFunctionStart(0))
        #expect(table.address(of: "_stext") == nil)
        #expect(table.textSymbols(module: nil).isEmpty)
    }

    @Test func hiddenAddressesCollapseToOneLocation() throws {
        let symbols = try KallsymsParser.parse("0000000000000000 T _stext\n0000000000000000 T _etext\n0000000000000000 t __pfx_x\n")
        let table = SymbolTable(symbols)
        #expect(table.locate(0)?.symbol.name == "_stext")
        #expect(table.addresses(named: "_etext") == [0])
    }

    @Test func buildsALargeTableQuickly() {
        // About the size of a 6.12 kallsyms, deliberately out of order.
        let count = 165_000
        var symbols: [KernelSymbol] = []
        symbols.reserveCapacity(count)
        for index in 0..<count {
            let scrambled = UInt64((index &* 7919) % count)
            symbols.append(KernelSymbol(address: 0xffff_ffff_8100_0000 + scrambled * 16, type: "t", name: "f\(index % 150_000)"))
        }
        let clock = ContinuousClock()
        let start = clock.now
        let table = SymbolTable(symbols)
        let elapsed = clock.now - start
        #expect(table.count == count)
        #expect(table.locate(0xffff_ffff_8100_0013)?.offset == 3)
        #expect(table.addresses(named: "f1").count == 2)
        #expect(elapsed < .seconds(5), "built in \(elapsed)")
    }
}
