import Testing
@testable import VigilLab

@Suite("Scenario files")
struct ScenarioParserTests {
    let full = """
        name: vigil-check
        summary: vigil check runs as root in the guest and reports the kernel's facilities.
        kernels: 6.1 6.12        # or all
        expect: detected
        timeout: 120
        cmdline: nokaslr lkrg.trigger=1

        --- setup
        # busybox sh
        need_vigil
        --- action
        vigil check --json > /tmp/check.json
        --- verdict
        grep -q '"btf"' /tmp/check.json && echo pass || echo fail

        """

    func parse(_ text: String, file: String = "Lab/scenarios/smoke/vigil-check.scenario") throws(ScenarioParseError) -> Scenario {
        try ScenarioParser().parse(text, file: file, group: "smoke")
    }

    func error(_ text: String, file: String = "Lab/scenarios/smoke/vigil-check.scenario") -> ScenarioParseError? {
        do {
            _ = try parse(text, file: file)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesEveryHeaderAndSection() throws {
        let scenario = try parse(full)
        #expect(scenario.name == "vigil-check")
        #expect(scenario.group == "smoke")
        #expect(scenario.qualifiedName == "smoke/vigil-check")
        #expect(scenario.summary == "vigil check runs as root in the guest and reports the kernel's facilities.")
        #expect(scenario.kernels == .series(["6.1", "6.12"]))
        #expect(scenario.expect == .detected)
        #expect(scenario.timeoutSeconds == 120)
        #expect(scenario.kernelArguments == ["nokaslr", "lkrg.trigger=1"])
        #expect(scenario.sections[.setup] == "# busybox sh\nneed_vigil\n")
        #expect(scenario.sections[.action] == "vigil check --json > /tmp/check.json\n")
        #expect(scenario.sections[.verdict] == "grep -q '\"btf\"' /tmp/check.json && echo pass || echo fail\n")
    }

    @Test func appliesDefaultsAndAllowsMissingSetup() throws {
        let scenario = try parse("""
            name: boot
            expect: pass
            --- action
            true
            --- verdict
            echo pass
            """, file: "boot.scenario")
        #expect(scenario.kernels == .all)
        #expect(scenario.timeoutSeconds == Scenario.defaultTimeoutSeconds)
        #expect(scenario.summary.isEmpty)
        #expect(scenario.kernelArguments.isEmpty)
        #expect(scenario.sections[.setup] == nil)
    }

    @Test func keepsHashesThatDoNotStartAComment() throws {
        let scenario = try parse("name: x\nsummary: issue#12 stays\nexpect: pass\n--- action\ntrue\n--- verdict\necho pass\n", file: "x.scenario")
        #expect(scenario.summary == "issue#12 stays")
    }

    @Test func acceptsWindowsLineEnds() throws {
        let scenario = try parse("name: x\r\nexpect: silent\r\n--- action\r\ntrue\r\n--- verdict\r\necho silent\r\n", file: "x.scenario")
        #expect(scenario.expect == .silent)
        #expect(scenario.sections[.verdict] == "echo silent\n")
    }

    @Test func keepsSectionTextVerbatimIncludingHeaderLikeLines() throws {
        let scenario = try parse("name: x\nexpect: pass\n--- action\nname: not a header\n  indented # kept\n--- verdict\necho pass\n", file: "x.scenario")
        #expect(scenario.sections[.action] == "name: not a header\n  indented # kept\n")
    }

    @Test func acceptsExpectPanic() throws {
        let scenario = try parse("name: x\nexpect: panic\n--- action\ntrue\n--- verdict\necho missed\n", file: "x.scenario")
        #expect(scenario.expect == .panic)
        #expect(scenario.expect.verdict == .panicked)
        #expect(ExpectedVerdict.blocked.verdict == .blocked)
        let unknown = try #require(error("name: x\nexpect: panicked\n--- action\ntrue\n--- verdict\necho x\n", file: "x.scenario"))
        #expect(unknown.message.contains("use one of: pass, detected, blocked, silent, panic"), "\(unknown.message)")
    }

    @Test(arguments: [
        ("name: x\ncolour: red\nexpect: pass\n--- action\ntrue\n--- verdict\necho pass\n", 2, "unknown header key 'colour'"),
        ("summary: none\nexpect: pass\n--- action\ntrue\n--- verdict\necho pass\n", nil, "missing header 'name:'"),
        ("name: x\n--- action\ntrue\n--- verdict\necho pass\n", nil, "missing header 'expect:'"),
        ("name: x\nexpect: maybe\n--- action\ntrue\n--- verdict\necho pass\n", 2, "unknown expect value 'maybe'"),
        ("name: x\nexpect: pass\n--- action\ntrue\n--- action\ntrue\n--- verdict\necho pass\n", 5, "duplicate section 'action' (first on line 3)"),
        ("name: x\nexpect: pass\n--- cleanup\ntrue\n", 3, "unknown section 'cleanup'"),
        ("name: x\nexpect: pass\n---\ntrue\n", 3, "a section line without a name"),
        ("name: x\nexpect: pass\n--- verdict\necho pass\n", nil, "missing section '--- action'"),
        ("name: x\nexpect: pass\n--- action\ntrue\n", nil, "missing section '--- verdict'"),
        ("name: x\nexpect: pass\n--- action\ntrue\n--- verdict\n# nothing\n\n", 5, "section 'verdict' has no commands"),
        ("name: x\nname: y\nexpect: pass\n--- action\ntrue\n--- verdict\necho pass\n", 2, "duplicate header key 'name' (first on line 1)"),
        ("name: x\nexpect: pass\ntimeout: soon\n--- action\ntrue\n--- verdict\necho pass\n", 3, "timeout 'soon'"),
        ("name: x\nexpect: pass\ntimeout: 0\n--- action\ntrue\n--- verdict\necho pass\n", 3, "timeout '0'"),
        ("name: x\nexpect: pass\nkernels: 6.1 latest\n--- action\ntrue\n--- verdict\necho pass\n", 3, "'latest' is not a kernel series"),
        ("name: x\nexpect: pass\nkernels:\n--- action\ntrue\n--- verdict\necho pass\n", 3, "kernels: needs 'all'"),
        ("name: x\nexpect pass\n--- action\ntrue\n--- verdict\necho pass\n", 2, "expected 'key: value'"),
        ("name: x y\nexpect: pass\n--- action\ntrue\n--- verdict\necho pass\n", 1, "name 'x y' may only use"),
        ("name: other\nexpect: pass\n--- action\ntrue\n--- verdict\necho pass\n", 1, "differs from the file name 'x.scenario'"),
    ] as [(String, Int?, String)])
    func reportsMistakesWithFileAndLine(text: String, line: Int?, message: String) throws {
        let found = try #require(error(text, file: "Lab/scenarios/smoke/x.scenario"))
        #expect(found.file == "Lab/scenarios/smoke/x.scenario")
        #expect(found.line == line)
        #expect(found.message.contains(message), "\(found.message)")
    }

    @Test func errorReadsLikeACompilerDiagnostic() {
        let withLine = ScenarioParseError(file: "a.scenario", line: 3, message: "bad")
        let withoutLine = ScenarioParseError(file: "a.scenario", line: nil, message: "bad")
        #expect(withLine.description == "a.scenario:3: bad")
        #expect(withoutLine.description == "a.scenario: bad")
    }

    @Test func emptyFileIsAnError() {
        #expect(error("", file: "x.scenario")?.message == "missing header 'name:'")
    }
}
