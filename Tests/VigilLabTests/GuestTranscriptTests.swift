import Testing
@testable import VigilLab

@Suite("Result protocol")
struct GuestTranscriptTests {
    let complete = """
        LAB begin scenario=vigil-check group=smoke kernel=6.1.0-56-amd64 uptime_ms=2130
        LAB setup status=0 ms=12
        LOG [setup] preparing
        LAB action status=0 ms=340
        LOG [action] {
        LOG [action]   "facts": {}
        LOG
        LAB verdict verdict=blocked ms=355 status=0 latency_ms=12 pid=345 note=a=b
        DMESG [    0.000000] Linux version 6.1.0-56-amd64
        DMESG
        LAB end uptime_ms=2600

        """

    @Test func readsACompleteRun() {
        let transcript = GuestTranscript(resultLog: complete)
        #expect(transcript.began)
        #expect(transcript.ended)
        #expect(transcript.scenarioName == "vigil-check")
        #expect(transcript.kernelRelease == "6.1.0-56-amd64")
        #expect(transcript.bootMilliseconds == 2130)
        #expect(transcript.outcome(of: .setup) == .init(section: .setup, status: 0, milliseconds: 12, timedOut: false))
        #expect(transcript.outcome(of: .action)?.milliseconds == 340)
        #expect(transcript.verdict?.verdict == .blocked)
        #expect(transcript.verdict?.milliseconds == 355)
        #expect(transcript.verdict?.evidence == [
            .init(key: "latency_ms", value: "12"),
            .init(key: "pid", value: "345"),
            .init(key: "note", value: "a=b"),
        ])
        #expect(transcript.logLines == ["[setup] preparing", "[action] {", "[action]   \"facts\": {}", ""])
        #expect(transcript.dmesgLines == ["[    0.000000] Linux version 6.1.0-56-amd64", ""])
        #expect(transcript.endMilliseconds == 2600)
        #expect(transcript.initToEndMilliseconds == 470)
        #expect(transcript.problems.isEmpty)
    }

    @Test func carriageReturnsDoNotLeakIntoValues() {
        let transcript = GuestTranscript(resultLog: "LAB begin scenario=boot kernel=6.12\r\nLAB verdict verdict=pass ms=3\r\nLAB end\r\n")
        #expect(transcript.kernelRelease == "6.12")
        #expect(transcript.verdict?.verdict == .pass)
        #expect(transcript.ended)
    }

    @Test func truncatedRunHasNoEnd() {
        let transcript = GuestTranscript(resultLog: "LAB begin scenario=boot kernel=6.1\nLAB setup status=0 ms=1\nLAB acti")
        #expect(transcript.began)
        #expect(!transcript.ended)
        #expect(transcript.verdict == nil)
        #expect(transcript.problems == ["line 3: unrecognized record 'LAB acti'"])
    }

    @Test func emptyLogMeansTheGuestNeverSpoke() {
        let transcript = GuestTranscript(resultLog: "")
        #expect(!transcript.began)
        #expect(!transcript.ended)
        #expect(transcript.problems.isEmpty)
    }

    @Test func setupFailureAndTimedOutSections() {
        let transcript = GuestTranscript(resultLog: """
            LAB begin scenario=x kernel=6.1
            LAB setup status=137 ms=60000 timed_out=1
            LAB verdict verdict=setup-failed status=137
            LAB end
            """)
        #expect(transcript.outcome(of: .setup)?.timedOut == true)
        #expect(transcript.outcome(of: .action) == nil)
        #expect(transcript.verdict?.verdict == .setupFailed)
        #expect(transcript.verdict?.milliseconds == nil)
    }

    @Test func notesProtocolProblemsWithoutFailing() {
        let transcript = GuestTranscript(resultLog: """
            LAB begin scenario=x kernel=6.1 stray
            garbage
            LAB verdict ms=3
            LAB verdict verdict=pass
            LAB end
            LOG late
            """)
        #expect(transcript.verdict?.verdict == .inconclusive)
        #expect(transcript.problems == [
            "line 1: token 'stray' is not key=value",
            "line 2: unrecognized record 'garbage'",
            "line 3: verdict record without verdict=",
            "line 4: a second verdict record; the first one counts",
            "line 6: record after LAB end",
        ])
        #expect(transcript.logLines == ["late"])
    }

    @Test func recordParsing() {
        #expect(ResultRecord(line: "LOG  two spaces kept") == .log(" two spaces kept"))
        #expect(ResultRecord(line: "LOGGER x") == .unrecognized("LOGGER x"))
        #expect(ResultRecord(line: "LAB setup status=0") == .section(.setup, KeyValueTokens(tokens: [.init(key: "status", value: "0")])))
        #expect(ResultRecord(line: "LAB verdictx") == .unrecognized("LAB verdictx"))
        #expect(ResultRecord(line: "LAB end") == .end(KeyValueTokens()))
    }

    @Test func keyValueTokens() {
        let tokens = KeyValueTokens(parsing: "a=1  b= =c d=x=y e")
        #expect(tokens.tokens == [.init(key: "a", value: "1"), .init(key: "b", value: ""), .init(key: "d", value: "x=y")])
        #expect(tokens.malformed == ["=c", "e"])
        #expect(tokens["d"] == "x=y")
        #expect(tokens.integer("a") == 1)
        #expect(tokens.integer("d") == nil)
        #expect(tokens["missing"] == nil)
    }
}
