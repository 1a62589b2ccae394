import Testing
@testable import VigilCore

@Suite("kprobes/list parser")
struct KprobeListParserTests {
    @Test func parsesTheRealLine() throws {
        let records = try KprobeListParser.parse("ffffffff82963fa0  k  do_sys_openat2+0x0    [FTRACE]\n")
        #expect(records == [KprobeRecord(address: 0xffff_ffff_8296_3fa0, kind: .kprobe, symbol: "do_sys_openat2", flags: .ftrace)])
    }

    @Test func parsesTheDebian61Fixture() throws {
        let records = try KprobeListParser.parse(try CoreFixture.text("tracing/debian-6.1/sys/kernel/debug/kprobes/list"))
        #expect(records.count == 5)
        #expect(records[1].kind == .kretprobe)
        #expect(records[2] == KprobeRecord(
            address: 0xffff_ffff_c0a0_1010, kind: .kprobe, symbol: "helper", offset: 0x10, module: "vigil_vuln", flags: [.disabled, .ftrace]
        ))
        #expect(records[3].flags == .optimized && records[3].offset == 4)
        #expect(records[4] == KprobeRecord(address: 0xffff_ffff_c0b0_0000, kind: .kprobe, symbol: nil, flags: .gone))
    }

    @Test func readsHiddenAddressesAsZero() throws {
        let record = try KprobeListParser.parseLine("0000000000000000  k  do_sys_openat2+0x0    [FTRACE]", number: 1)
        #expect(record.address == 0 && record.symbol == "do_sys_openat2")
    }

    @Test func acceptsAProbeWithoutFlagsAndAPercentPSLocation() throws {
        let plain = try KprobeListParser.parseLine("ffffffff81000000  k  _stext+0x0    ", number: 1)
        #expect(plain.flags.isEmpty && plain.module == nil)
        // When the first lookup missed but %pS then found a module symbol.
        let printed = try KprobeListParser.parseLine("ffffffffc0a01010  k  helper+0x10/0x40 [vigil_vuln] [FTRACE]", number: 1)
        #expect(printed.symbol == "helper" && printed.offset == 0x10 && printed.module == "vigil_vuln" && printed.flags == .ftrace)
    }

    @Test func ignoresAnUnfinishedLastLine() throws {
        #expect(try KprobeListParser.parse("ffffffff82963fa0  k  do_sys_openat2+0x0    [FTRACE]\nffffffff8296").count == 1)
    }

    @Test(arguments: [
        ("ffffffff82963fa0  k", "expected 3 to 5 fields, found 2"),
        ("ffffffff82963fa0  k  a+0x0  m  [FTRACE]  x", "expected 3 to 5 fields, found 6"),
        ("zzzz  k  do_sys_openat2+0x0", "address 'zzzz' is not hexadecimal"),
        ("ffffffff82963fa0  f  do_sys_openat2+0x0", "probe type 'f' is not k or r"),
        ("ffffffff82963fa0  k  do_sys_openat2+zz", "probe location 'do_sys_openat2+zz' is not symbol+offset"),
        ("ffffffff82963fa0  k  do_sys_openat2", "probe location 'do_sys_openat2' is neither symbol+offset nor an address"),
        ("ffffffff82963fa0  k  do_sys_openat2+0x0  [BOGUS]", "unknown flag '[BOGUS]' in '[BOGUS]'"),
        ("ffffffff82963fa0  k  do_sys_openat2+0x0  [FTRACE][", "flags '[FTRACE][' are not in brackets"),
        ("ffffffff82963fa0  k  do_sys_openat2+0x0  [FTRACE][]", "unknown flag '[]' in '[FTRACE][]'"),
        ("ffffffff82963fa0  k  a+0x0  m  n", "unexpected field 'n' after the module"),
    ])
    func rejectsMalformedLines(line: String, reason: String) {
        #expect(throws: ParseError(format: "kprobes/list", location: .line(2), reason: reason)) {
            try KprobeListParser.parse("ffffffff82963fa0  k  do_sys_openat2+0x0    [FTRACE]\n\(line)\n")
        }
    }
}

@Suite("kprobe_events parser")
struct KprobeEventsParserTests {
    @Test func parsesTheDebian61Fixture() throws {
        let events = try KprobeEventsParser.parse(try CoreFixture.text("tracing/debian-6.1/sys/kernel/tracing/kprobe_events"))
        #expect(events == [
            KprobeEventDefinition(kind: .probe, group: "kprobes", event: "vigilprobe", symbol: "do_sys_openat2"),
            KprobeEventDefinition(
                kind: .returnProbe, group: "kprobes", event: "r_vfs_read", symbol: "vfs_read",
                arguments: [.init(name: "ret", fetch: "$retval")]
            ),
            KprobeEventDefinition(
                kind: .probe, group: "grp", event: "helper", symbol: "helper", offset: 16, module: "vigil_vuln",
                arguments: [.init(name: "arg1", fetch: "%di:u64")]
            ),
        ])
    }

    @Test func parsesMaxActiveAndRawAddresses() throws {
        let text = "r16:myprobes/exit_ret do_exit\np:kprobes/raw 0x000000001f3c5a7b\n"
        let events = try KprobeEventsParser.parse(text)
        #expect(events[0].kind == .returnProbe && events[0].maxActive == 16)
        #expect(events[1].symbol == nil && events[1].address == 0x1f3c_5a7b)
    }

    @Test func emptyMeansNoEvents() throws {
        #expect(try KprobeEventsParser.parse("").isEmpty)
        #expect(try KprobeEventsParser.parse("p:kprobes/a do_exit\np:kprob").count == 1)
    }

    @Test(arguments: [
        ("p:kprobes/a", "expected a probe name and a location, found 1 field(s)"),
        ("x:kprobes/a do_exit", "probe 'x:kprobes/a' does not start with p: or r:"),
        ("pkprobes/a do_exit", "probe 'pkprobes/a' does not start with p: or r:"),
        ("p5:kprobes/a do_exit", "'5' in 'p5:kprobes/a' is not a return probe's maxactive"),
        ("r0:kprobes/a do_exit", "'0' in 'r0:kprobes/a' is not a return probe's maxactive"),
        ("p:a do_exit", "probe name 'p:a' is not of the form group/event"),
        ("p:kprobes/ do_exit", "probe name 'p:kprobes/' is not of the form group/event"),
        ("p:kprobes/a 0xzz", "address '0xzz' is not hexadecimal"),
        ("p:kprobes/a do_exit+0x10", "offset in 'do_exit+0x10' is not a decimal number"),
        ("p:kprobes/a :do_exit", "empty module name in ':do_exit'"),
        ("p:kprobes/a mod:+4", "no symbol in 'mod:+4'"),
        ("p:kprobes/a do_exit =x", "argument '=x' is not name=fetch"),
        ("p:kprobes/a do_exit arg", "argument 'arg' is not name=fetch"),
    ])
    func rejectsMalformedLines(line: String, reason: String) {
        #expect(throws: ParseError(format: "kprobe_events", location: .line(1), reason: reason)) {
            try KprobeEventsParser.parse("\(line)\n")
        }
    }
}
