import Testing
@testable import VigilCore

@Suite("ftrace enabled_functions parser")
struct FtraceEnabledFunctionsParserTests {
    typealias Function = FtraceHookedFunction

    static let kprobeHandler61 = SymbolizedAddress.symbol(SymbolReference(name: "kprobe_ftrace_handler", offset: 0, size: 0x1b0))

    @Test func parsesAKprobeOn61() throws {
        let line = "do_sys_openat2 (1) R    \ttramp: 0xffffffffc0328000 (kprobe_ftrace_handler+0x0/0x1b0) ->kprobe_ftrace_handler+0x0/0x1b0\n"
        let functions = try FtraceEnabledFunctionsParser.parse(line)
        let expected = Function(
            name: "do_sys_openat2", referenceCount: 1, flags: .savesRegisters,
            trampolines: [.init(location: .unresolved(0xffff_ffff_c032_8000), handler: Self.kprobeHandler61, callback: Self.kprobeHandler61)]
        )
        #expect(functions == [expected])
        #expect(functions.first?.trampoline?.location.address == 0xffff_ffff_c032_8000)
        #expect(functions.first?.callbackOwnerModule == nil)
    }

    @Test func parsesTheFunctionTracerOn61() throws {
        let line = "do_sys_openat2 (1)      \ttramp: 0xffffffffc032a000 (function_trace_call+0x0/0x120) ->function_trace_call+0x0/0x120\n"
        let function = try #require(try FtraceEnabledFunctionsParser.parse(line).first)
        #expect(function.flags.isEmpty)
        #expect(function.trampoline?.handler.symbol == SymbolReference(name: "function_trace_call", size: 0x120))
        #expect(function.trampoline?.callback?.description == "function_trace_call+0x0/0x120")
    }

    @Test func parsesAKprobeOn612WithItsWiderFlagColumns() throws {
        let line = "do_sys_openat2 (1) R         \ttramp: 0xffffffffc057e000 (kprobe_ftrace_handler+0x0/0x1d0) ->kprobe_ftrace_handler+0x0/0x1d0\n"
        let function = try #require(try FtraceEnabledFunctionsParser.parse(line).first)
        #expect(function.flags == .savesRegisters)
        #expect(function.trampoline?.location == .unresolved(0xffff_ffff_c057_e000))
        #expect(function.trampoline?.callback?.symbol?.size == 0x1d0)
    }

    @Test func parsesTheDebian61Fixture() throws {
        let functions = try FtraceEnabledFunctionsParser.parse(try CoreFixture.text("tracing/debian-6.1/sys/kernel/tracing/enabled_functions"))
        #expect(functions.map(\.name) == ["do_sys_openat2", "vfs_read", "__x64_sys_kill", "commit_creds", "helper"])

        let shared = functions[1]
        #expect(shared.referenceCount == 2 && shared.trampolines.isEmpty && shared.callback == nil)

        let hijack = functions[2]
        #expect(hijack.flags == [.savesRegisters, .modifiesIP])
        #expect(hijack.trampoline?.handler.module == "vigil_rootkit")
        #expect(hijack.callbackOwnerModule == "vigil_rootkit")

        let bpf = functions[3]
        #expect(bpf.flags == .direct)
        #expect(bpf.directTarget?.symbol == SymbolReference(name: "bpf_trampoline_6442485412", size: 0x1000))
        #expect(bpf.callbackOwnerModule == nil, "the kernel prints no module for BPF code")

        let moduleFunction = functions[4]
        #expect(moduleFunction.module == "vigil_vuln")
        #expect(moduleFunction.callbackOwnerModule == nil, "the module is hooked; the hook is core code")
    }

    @Test func parsesTheDebian612TouchedFunctions() throws {
        let text = try CoreFixture.text("tracing/debian-6.12/sys/kernel/tracing/touched_functions")
        let functions = try FtraceEnabledFunctionsParser.parse(text, file: "touched_functions")
        #expect(functions.count == 3)
        #expect(functions[1].flags == [.direct, .modified])
        #expect(functions[1].directTarget?.symbol?.name == "bpf_trampoline_6442485412")
        #expect(functions[2].referenceCount == 0)
        #expect(functions[2].flags == [.modifiesIP, .modified])
    }

    @Test func parsesOpsAndSubOpsFromLaterKernels() throws {
        // arm64 with CALL_OPS prints the ops; 6.14 and later print sub-ops in braces.
        let text = """
            do_sys_openat2 (1) R     O     \tops: kprobe_ftrace_ops+0x0/0xa8 (kprobe_ftrace_handler+0x0/0x1d0)
            vfs_read (2)               \ttramp: 0xffffffffc0600000 (ftrace_ops_list_func+0x0/0x1f0) ->ftrace_ops_list_func+0x0/0x1f0 {function_trace_call+0x0/0x120} {ent:trace_graph_entry+0x0/0x2a0 ret:trace_graph_return+0x0/0x150}
            kfunc (1)      \ttramp: ERROR!\tops: ERROR!
            arm_func (1)       ->ftrace_caller_hook+0x0/0x40 [hookmod]

            """
        let functions = try FtraceEnabledFunctionsParser.parse(text)
        #expect(functions[0].flags == [.savesRegisters, .callOps])
        #expect(functions[0].callOps?.ops.symbol?.name == "kprobe_ftrace_ops")
        #expect(functions[0].callOps?.handler.symbol?.name == "kprobe_ftrace_handler")
        #expect(functions[1].subOperations == ["function_trace_call+0x0/0x120", "ent:trace_graph_entry+0x0/0x2a0 ret:trace_graph_return+0x0/0x150"])
        #expect(functions[2].trampolineLookupFailed && functions[2].opsLookupFailed)
        #expect(functions[3].callback?.module == "hookmod")
        #expect(functions[3].callbackOwnerModule == "hookmod")
    }

    @Test func keepsEveryTrampolineOfARecord() throws {
        let line = "f (2) R    \ttramp: 0xffffffffc0001000 (a+0x0/0x10 [m1]) ->a+0x0/0x10 [m1]\ttramp: 0xffffffffc0002000 (b+0x0/0x10 [m2]) ->b+0x0/0x10 [m2]\n"
        let function = try #require(try FtraceEnabledFunctionsParser.parse(line).first)
        #expect(function.trampolines.map(\.location.address) == [0xffff_ffff_c000_1000, 0xffff_ffff_c000_2000])
        #expect(function.callbackModules == ["m1", "m2"])
    }

    @Test func skipsTheInvalidAddressPlaceholderAndAnUnfinishedLine() throws {
        let text = "__ftrace_invalid_address___412\nvfs_read (1)      \nvfs_wri"
        #expect(try FtraceEnabledFunctionsParser.parse(text).map(\.name) == ["vfs_read"])
        #expect(try FtraceEnabledFunctionsParser.parse("").isEmpty)
    }

    @Test(arguments: [
        ("do_sys_openat2\n", 1, "expected ' (count)' after the function name in 'do_sys_openat2'"),
        ("do_sys_openat2 (x) R\n", 1, "reference count in ' (x) R' is not a number in parentheses"),
        ("do_sys_openat2 (1) R Z\n", 1, "unknown flag 'Z' after the count"),
        ("do_sys_openat2 (1) R -x\n", 1, "expected ' -><symbol>' after the flags, found '-x'"),
        ("do_sys_openat2 (1) R\ttramp: 0xffffffffc0328000\n", 1, "expected 'tramp: <trampoline> (<handler>)', found 'tramp: 0xffffffffc0328000'"),
        ("do_sys_openat2 (1) R\ttramp: 0xc0 (h+0x0/0x1) ->\n", 1, "expected a symbol after '->' in 'tramp: 0xc0 (h+0x0/0x1) ->'"),
        ("do_sys_openat2 (1) R\ttramp: 0xc0 (h+0x0/0x1) junk\n", 1, "unexpected ' junk' at the end of 'tramp: 0xc0 (h+0x0/0x1) junk'"),
        ("do_sys_openat2 (1) R\tops: x+0xzz/0x1 (h+0x0/0x1)\n", 1, "expected 'ops: <ops> (<handler>)', found 'ops: x+0xzz/0x1 (h+0x0/0x1)'"),
        ("do_sys_openat2 (1) R\tsomething new\n", 1, "unknown field 'something new'"),
        ("\tdirect-->bpf_trampoline_1+0x0/0x1000\n", 1, "continuation line before any function"),
        ("f (1)     D\n\tindirect-->x\n", 2, "expected '\\tdirect--><target>', found 'indirect-->x'"),
        ("f [] (1)\n", 1, "empty module name in 'f []'"),
        ("two words (1)\n", 1, "function name 'two words' is empty or has spaces"),
    ])
    func rejectsMalformedLines(text: String, line: Int, reason: String) {
        #expect(throws: ParseError(format: "enabled_functions", location: .line(line), reason: reason)) {
            try FtraceEnabledFunctionsParser.parse(text)
        }
    }

    @Test func namesTheFileItParses() {
        #expect(throws: ParseError(format: "touched_functions", location: .line(1), reason: "unknown flag 'Z' after the count")) {
            try FtraceEnabledFunctionsParser.parse("f (0) Z\n", file: "touched_functions")
        }
    }
}

@Suite("printed symbol scanner")
struct SymbolizedAddressScannerTests {
    @Test(arguments: [
        ("0xffffffffc0328000", SymbolizedAddress.unresolved(0xffff_ffff_c032_8000)),
        ("kprobe_ftrace_handler+0x0/0x1b0", .symbol(SymbolReference(name: "kprobe_ftrace_handler", size: 0x1b0))),
        ("helper+0x10/0x40 [vigil_rootkit]", .symbol(SymbolReference(name: "helper", offset: 0x10, size: 0x40, module: "vigil_rootkit"))),
        ("helper+0x10/0x40 [vigil_rootkit 0123456789abcdef0123456789abcdef01234567]",
         .symbol(SymbolReference(name: "helper", offset: 0x10, size: 0x40, module: "vigil_rootkit"))),
        ("foo.cold+0/0x20", .symbol(SymbolReference(name: "foo.cold", offset: 0, size: 0x20))),
        ("vfs_read+0x9", .symbol(SymbolReference(name: "vfs_read", offset: 9))),
    ])
    func parsesWhatPercentPSPrints(text: String, expected: SymbolizedAddress) {
        #expect(SymbolizedAddressScanner.parse(Substring(text)) == expected)
    }

    @Test(arguments: ["", "+0x0/0x10", "f+0xzz/0x10", "f+0x0/0x1/0x2", "f+0x0/zz", "f+0x0/0x10 trailing"])
    func rejectsMalformedText(text: String) {
        #expect(SymbolizedAddressScanner.parse(Substring(text)) == nil)
    }

    @Test func stopsAtAParenthesis() {
        var text: Substring = "kprobe_ftrace_handler+0x0/0x1b0) ->x"
        #expect(SymbolizedAddressScanner.scan(&text)?.symbol?.name == "kprobe_ftrace_handler")
        #expect(text == ") ->x")
    }
}
