import Testing
@testable import VigilCore

@Suite("/proc/modules parser")
struct ProcModulesParserTests {
    @Test func parsesModulesWithAndWithoutTaints() throws {
        let text = """
            vigil_test 16384 0 - Live 0xffffffffc0a00000 (OE)
            crc32c_generic 16384 1 btrfs,ext4, Live 0x0000000000000000

            """
        let modules = try ProcModulesParser.parse(text)
        #expect(modules.count == 2)
        #expect(modules[0] == LoadedModule(
            name: "vigil_test", size: 16384, referenceCount: 0, dependents: [], state: .live,
            address: 0xffff_ffff_c0a0_0000, taints: "OE"
        ))
        #expect(modules[1].dependents == ["btrfs", "ext4"])
        #expect(modules[1].address == 0)
        #expect(modules[1].taints == "")
    }

    @Test(arguments: [
        ("m 1 0 - Live", "expected 6 or 7 fields, found 5"),
        ("m x 0 - Live 0x0", "size 'x' is not a number"),
        ("m 1 y - Live 0x0", "reference count 'y' is not a number"),
        ("m 1 0 - Dead 0x0", "state 'Dead' is not Live, Loading or Unloading"),
        ("m 1 0 - Live 0xZZ", "address '0xZZ' is not hexadecimal"),
        ("m 1 0 - Live 0x0 OE", "taint flags 'OE' are not in parentheses"),
    ])
    func rejectsMalformedLines(line: String, reason: String) {
        #expect(throws: ParseError(format: "/proc/modules", location: .line(1), reason: reason)) {
            try ProcModulesParser.parse(line + "\n")
        }
    }
}
