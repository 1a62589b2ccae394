import Testing
@testable import VigilLab

@Suite("Reports")
struct ReportTests {
    static let kernels = [
        ResolvedKernel(series: "6.1", package: "linux-image-6.1.0-56-amd64", release: "6.1.0-56-amd64"),
        ResolvedKernel(series: "6.12", package: "linux-image-6.12.117+deb12-amd64-unsigned", release: "6.12.117+deb12-amd64"),
    ]

    static func run(_ scenario: String, _ kernel: ResolvedKernel, verdict: Verdict, ms: Int?, boot: Int?, wall: Int, failures: [RunFailure] = [], expected: ExpectedVerdict = .pass) -> RunRecord {
        let hostBoot = boot.map { _ in wall - 2_800 }
        return RunRecord(
            scenario: scenario,
            kernelSeries: kernel.series,
            kernelRelease: kernel.release,
            expected: expected,
            verdict: verdict,
            timeToVerdictMs: ms,
            bootMs: boot,
            wallMs: wall,
            hostBootMs: hostBoot,
            evidence: ["pid": "345"],
            failures: failures,
            runDirectory: ".lab/runs/T/\(kernel.release)/\(scenario)"
        )
    }

    static let report = LabReport(
        generatedAt: "2025-11-27T06:30:00Z",
        command: "vigil-lab run --update-docs",
        kernels: kernels,
        accelerator: "tcg,thread=single",
        runs: [
            run("smoke/boot", kernels[0], verdict: .pass, ms: 280, boot: 2100, wall: 7500),
            run("smoke/boot", kernels[1], verdict: .missing, ms: nil, boot: nil, wall: 2600, failures: [
                RunFailure(kind: .noEnd, message: "the guest stopped without LAB end (before reaching /init)"),
                RunFailure(kind: .kernelTrouble, message: "console line 1: Oops | int3"),
            ]),
            run("attacks/only-6.1", kernels[0], verdict: .detected, ms: 12, boot: 2300, wall: 8000, expected: .detected),
        ],
        totalWallMs: 18_140
    )

    @Test func matrixHasOneRowPerScenarioAndOneColumnPerKernel() {
        let matrix = ReportMarkdown(report: Self.report).matrix
        #expect(matrix == """
            | scenario | expect | 6.1 (`6.1.0-56-amd64`) | 6.12 (`6.12.117+deb12-amd64`) |
            |---|---|---|---|
            | `smoke/boot` | pass | ✅ pass · 280 ms | ❌ none (kernel-trouble, no-end) |
            | `attacks/only-6.1` | detected | ✅ detected · 12 ms | — |

            """)
    }

    @Test func summaryCountsFailures() {
        #expect(ReportMarkdown(report: Self.report).summary == "1 of 3 runs FAILED in 18.1 s.")
        var passing = Self.report
        passing.runs.remove(at: 1)
        #expect(ReportMarkdown(report: passing).summary == "all 2 runs passed in 18.1 s.")
        #expect(passing.passed)
        #expect(!Self.report.passed)
    }

    @Test func bootTimesUseMedians() {
        let text = ReportMarkdown(report: Self.report).bootTimes
        #expect(text.contains("| 6.1.0-56-amd64 | 2 | 2.2 s | 5.0 s | 7.8 s |"))
        #expect(text.contains("| 6.12.117+deb12-amd64 | 1 | — | — | 2.6 s |"))
        #expect(ReportMarkdown.median([3, 1, 2]) == 2)
        #expect(ReportMarkdown.median([]) == nil)
    }

    @Test func failuresListReasonsAndEscapeTablePipes() {
        let text = ReportMarkdown(report: Self.report).failures
        #expect(text.contains("- `smoke/boot` on 6.12.117+deb12-amd64 — logs in `.lab/runs/T/6.12.117+deb12-amd64/smoke/boot`"))
        #expect(text.contains("  - kernel-trouble: console line 1: Oops \\| int3"))
    }

    @Test func detectionMatrixSaysHowItWasMade() {
        let text = DetectionMatrixDocument(report: Self.report).markdown
        #expect(text.hasPrefix("# Detection matrix\n"))
        #expect(text.contains("`vigil-lab run --update-docs`"))
        #expect(text.contains("2025-11-27T06:30:00Z"))
        #expect(text.contains("`-accel tcg,thread=single`"))
        #expect(text.contains("`6.1.0-56-amd64`"))
        #expect(text.contains("`6.12.117+deb12-amd64`"))
        #expect(!text.contains(".lab/runs"))
    }

    @Test func jsonRoundTripsAndDocsCopyDropsLocalPaths() throws {
        let json = try ReportJSON.encode(Self.report)
        #expect(json.contains("\"timeToVerdictMs\" : 280"))
        #expect(json.contains("\"kind\" : \"no-end\""))
        #expect(json.contains("\"verdict\" : \"pass\""))
        #expect(try ReportJSON.decode(json) == Self.report)
        let docs = try ReportJSON.encode(Self.report.withoutRunDirectories())
        #expect(!docs.contains(".lab/runs"))
    }

    @Test func runRecordTakesItsFactsFromTheTranscript() {
        let transcript = GuestTranscript(resultLog: """
            LAB begin scenario=boot kernel=6.1.0-56-amd64 uptime_ms=2100
            LAB verdict verdict=pass ms=280 pid=1 pid=2
            LAB end uptime_ms=4100
            """)
        let scenario = Scenario(name: "boot", group: "smoke", expect: .pass, sections: [:])
        let record = RunRecord(scenario: scenario, kernel: Self.kernels[0], transcript: transcript, wallMs: 7500, failures: [], runDirectory: nil)
        #expect(record.scenario == "smoke/boot")
        #expect(record.verdict == .pass)
        #expect(record.timeToVerdictMs == 280)
        #expect(record.bootMs == 2100)
        #expect(record.hostBootMs == 5500)
        #expect(record.evidence == ["pid": "1"])
        #expect(record.passed)
        let silent = RunRecord(scenario: scenario, kernel: Self.kernels[0], transcript: GuestTranscript(), wallMs: 1, failures: [RunFailure(kind: .timeout, message: "x")], runDirectory: nil)
        #expect(silent.verdict == .missing)
        #expect(!silent.passed)
    }
}
