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
        self.init(
            scenario: scenario,
            kernel: kernel,
            transcript: transcript,
            judgement: RunJudgement(
                failures: failures,
                verdict: transcript.verdict?.verdict ?? .missing,
                evidence: RunJudge.evidence(transcript.verdict?.evidence ?? []),
                timeToVerdictMs: transcript.verdict?.milliseconds,
                panic: nil
            ),
            wallMs: wallMs,
            runDirectory: runDirectory
        )
    }

    /// Builds the row from the judge's decision (its verdict may be `panicked`, which the guest
    /// cannot report) and the guest's boot facts.
    public init(
        scenario: Scenario,
        kernel: ResolvedKernel,
        transcript: GuestTranscript,
        judgement: RunJudgement,
        wallMs: Int,
        runDirectory: String?
    ) {
        self.init(
            scenario: scenario.qualifiedName,
            kernelSeries: kernel.series,
            kernelRelease: kernel.release,
            expected: scenario.expect,
            verdict: judgement.verdict,
            timeToVerdictMs: judgement.timeToVerdictMs,
            bootMs: transcript.bootMilliseconds,
            wallMs: wallMs,
            hostBootMs: Self.guestMillisecondsAfterInit(transcript, judgement).map { wallMs - $0 },
            evidence: judgement.evidence,
            failures: judgement.failures,
            runDirectory: runDirectory
        )
    }

    /// Guest milliseconds from `/init` to `LAB end`, or to the panic that ended a `panicked` run.
    static func guestMillisecondsAfterInit(_ transcript: GuestTranscript, _ judgement: RunJudgement) -> Int? {
        if let ms = transcript.initToEndMilliseconds {
            return ms
        }
        guard judgement.verdict == .panicked, let start = transcript.bootMilliseconds,
              let panic = judgement.panic?.uptimeMilliseconds, panic >= start else {
            return nil
        }
        return panic - start
    }
}
