/// The outcome of one (scenario, kernel) run: a row of the report.
public struct RunRecord: Equatable, Sendable, Codable {
    /// `group/name`.
    public var scenario: String
    public var kernelSeries: String
    public var kernelRelease: String
    public var expected: ExpectedVerdict
    /// The verdict the guest reported, or `none` when it reported none.
    public var verdict: Verdict
    /// Milliseconds from the start of the action to the end of the verdict script (guest clock).
    public var timeToVerdictMs: Int?
    /// Guest uptime when `/init` started.
    public var bootMs: Int?
    /// Host time from starting QEMU to its exit.
    public var wallMs: Int
    /// Host time from starting QEMU to `/init`: the run's wall time minus the guest's time from
    /// `/init` to `LAB end` (firmware, kernel decompression and boot; power-off is not subtracted).
    public var hostBootMs: Int?
    /// The verdict script's `key=value` evidence.
    public var evidence: [String: String]
    public var passed: Bool
    public var failures: [RunFailure]
    /// Where the logs of the run are, relative to the package root (left out of the docs copy).
    public var runDirectory: String?

    public init(
        scenario: String,
        kernelSeries: String,
        kernelRelease: String,
        expected: ExpectedVerdict,
        verdict: Verdict,
        timeToVerdictMs: Int?,
        bootMs: Int?,
        wallMs: Int,
        hostBootMs: Int? = nil,
        evidence: [String: String] = [:],
        failures: [RunFailure],
        runDirectory: String?
    ) {
        self.scenario = scenario
        self.kernelSeries = kernelSeries
        self.kernelRelease = kernelRelease
        self.expected = expected
        self.verdict = verdict
        self.timeToVerdictMs = timeToVerdictMs
        self.bootMs = bootMs
        self.wallMs = wallMs
        self.hostBootMs = hostBootMs
        self.evidence = evidence
        self.passed = failures.isEmpty
        self.failures = failures
        self.runDirectory = runDirectory
    }

    /// Builds the row from what the guest reported and the judge's findings.
    public init(
        scenario: Scenario,
        kernel: ResolvedKernel,
        transcript: GuestTranscript,
        wallMs: Int,
        failures: [RunFailure],
        runDirectory: String?
    ) {
        var evidence: [String: String] = [:]
        for token in transcript.verdict?.evidence ?? [] where evidence[token.key] == nil {
            evidence[token.key] = token.value
        }
        self.init(
            scenario: scenario.qualifiedName,
            kernelSeries: kernel.series,
            kernelRelease: kernel.release,
            expected: scenario.expect,
            verdict: transcript.verdict?.verdict ?? .missing,
            timeToVerdictMs: transcript.verdict?.milliseconds,
            bootMs: transcript.bootMilliseconds,
            wallMs: wallMs,
            hostBootMs: transcript.initToEndMilliseconds.map { wallMs - $0 },
            evidence: evidence,
            failures: failures,
            runDirectory: runDirectory
        )
    }
}
