import Testing
@testable import VigilCore

@Suite("sysfs module attribute parser")
struct SysfsModuleAttributeParserTests {
    let path = "/sys/module/vigil_vuln/x"

    @Test func parsesEachAttribute() throws {
        #expect(try SysfsModuleAttributeParser.initState("coming\n", path: path) == .coming)
        #expect(try SysfsModuleAttributeParser.size("16384\n", path: path) == 16384)
        #expect(try SysfsModuleAttributeParser.referenceCount("-1\n", path: path) == -1)
        #expect(try SysfsModuleAttributeParser.taint("OE\n", path: path) == "OE")
        #expect(try SysfsModuleAttributeParser.taint("\n", path: path) == "")
        #expect(try SysfsModuleAttributeParser.sectionAddress("0xffffffffc0a01000\n", path: path) == 0xffff_ffff_c0a0_1000)
        #expect(try SysfsModuleAttributeParser.sectionAddress("0x0000000000000000\n", path: path) == 0)
    }

    @Test func namesTheFileAndTheValueItRejects() {
        #expect(throws: ParseError(format: path, location: .whole, reason: "'unknown' is not live, coming or going")) {
            try SysfsModuleAttributeParser.initState("unknown\n", path: path)
        }
        #expect(throws: ParseError(format: path, location: .whole, reason: "'-5' is not an unsigned number")) {
            try SysfsModuleAttributeParser.size("-5\n", path: path)
        }
        #expect(throws: ParseError(format: path, location: .whole, reason: "'' is not a number")) {
            try SysfsModuleAttributeParser.referenceCount("", path: path)
        }
        #expect(throws: ParseError(format: path, location: .whole, reason: "'oe' is not a string of taint letters")) {
            try SysfsModuleAttributeParser.taint("oe\n", path: path)
        }
        #expect(throws: ParseError(format: path, location: .whole, reason: "'ffffffffc0a01000' is not a 0x-prefixed address")) {
            try SysfsModuleAttributeParser.sectionAddress("ffffffffc0a01000\n", path: path)
        }
        #expect(throws: ParseError(format: path, location: .whole, reason: "'0x' is not a 0x-prefixed address")) {
            try SysfsModuleAttributeParser.sectionAddress("0x", path: path)
        }
    }
}
