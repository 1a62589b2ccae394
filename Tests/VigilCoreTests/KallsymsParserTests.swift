import Testing
@testable import VigilCore

@Suite("kallsyms parser")
struct KallsymsParserTests {
    @Test func parsesCoreAndModuleSymbols() throws {
        let text = """
            0000000000000000 A fixed_percpu_data
            ffffffff81000000 T _stext
            ffffffffc0a01000 t helper\t[vigil_test]

            """
        let symbols = try KallsymsParser.parse(text)
        #expect(symbols.count == 3)
        #expect(symbols[1] == KernelSymbol(address: 0xffff_ffff_8100_0000, type: "T", name: "_stext"))
        #expect(symbols[2].module == "vigil_test")
        #expect(symbols[2].isText)
        #expect(!symbols[0].isText)
        #expect(KallsymsParser.addressesVisible(in: symbols))
    }

    @Test func hiddenAddressesAreAllZero() throws {
        let symbols = try KallsymsParser.parse("0000000000000000 T _stext\n0000000000000000 T _etext\n")
        #expect(!KallsymsParser.addressesVisible(in: symbols))
    }

    @Test func ignoresAnUnfinishedLastLine() throws {
        let symbols = try KallsymsParser.parse("ffffffff81000000 T _stext\nffffffff8100")
        #expect(symbols.count == 1)
    }

    @Test(arguments: [
        ("ffffffff81000000 T", "expected 3 or 4 fields, found 2"),
        ("zzzz T name", "address 'zzzz' is not hexadecimal"),
        ("ffffffff81000000 TT name", "symbol type 'TT' is not a single letter"),
        ("ffffffff81000000 t name mod", "module tag 'mod' is not of the form [name]"),
        ("ffffffff81000000 t name []", "module tag '[]' is not of the form [name]"),
    ])
    func rejectsMalformedLines(line: String, reason: String) {
        #expect(throws: ParseError(format: "kallsyms", location: .line(2), reason: reason)) {
            try KallsymsParser.parse("ffffffff81000000 T _stext\n\(line)\n")
        }
    }
}
