/// Decides whether one (scenario, kernel) run passed.
///
/// A run fails on a timeout or a missing `LAB end`, a kernel-trouble line on the console or in
/// `DMESG`, a failed setup, or a verdict other than the expected one. Every reason is listed.
///
/// `expect: panic` turns the end of the run around: the guest must not write `LAB end`; the
/// console must show the sysrq crash (``KernelPanic/sysrqReason``) after a successful setup, and
/// QEMU must have exited by itself. The panic line and the lines of its own report are not
/// kernel trouble then; any other trouble line (an Oops before the panic, say) still is.
public struct RunJudge: Sendable {
    public var scanner: KernelTroubleScanner
    /// How many kernel-trouble lines are listed before the rest are counted.
    public var troubleLimit: Int

    public init(scanner: KernelTroubleScanner = KernelTroubleScanner(), troubleLimit: Int = 5) {
        self.scanner = scanner
        self.troubleLimit = troubleLimit
    }

    /// All the reasons the run failed; empty when it passed.
    public func failures(
        expected: ExpectedVerdict,
        hasSetup: Bool = true,
        timeoutSeconds: Int,
        transcript: GuestTranscript,
        consoleText: String,
        exit: GuestExit
    ) -> [RunFailure] {
        judge(
            expected: expected,
            hasSetup: hasSetup,
            timeoutSeconds: timeoutSeconds,
            transcript: transcript,
            consoleText: consoleText,
            exit: exit
        ).failures
    }

    /// The run's failures, and the verdict and evidence to record for it.
    /// - Parameter hasSetup: the scenario has a setup section (only `expect: panic` uses it: the
    ///   setup must have reported success before the panic).
    public func judge(
        expected: ExpectedVerdict,
        hasSetup: Bool = true,
        timeoutSeconds: Int,
        transcript: GuestTranscript,
        consoleText: String,
        exit: GuestExit
    ) -> RunJudgement {
        let panic = KernelPanic.first(inConsoleText: consoleText)
        // The guest kernel died of the sysrq crash a panic response triggers, before LAB end.
        let sysrqPanic = panic.flatMap { $0.isSysrqCrash && !transcript.ended ? $0 : nil }
        var failures: [RunFailure] = []
        let stage = transcript.began ? "after reaching /init" : "before reaching /init"
        if exit.killedAtTimeout {
            failures.append(RunFailure(
                kind: .timeout,
                message: "no LAB end within \(timeoutSeconds) s (\(stage)); the harness stopped the guest"
            ))
        } else if exit.status != 0 {
            let detail = exit.diagnostics.trimmingBlanksAndNewlines()
            failures.append(RunFailure(
                kind: .hypervisor,
                message: "qemu exited with status \(exit.status)" + (detail.isEmpty ? "" : ": \(detail)")
            ))
        } else if expected == .panic {
            failures += panicEndFailures(hasSetup: hasSetup, transcript: transcript, panic: panic)
        } else if !transcript.ended {
            failures.append(RunFailure(kind: .noEnd, message: "the guest stopped without LAB end (\(stage))"))
        }

        var troubles = scanner.scan(consoleText: consoleText) + scanner.scan(transcript.dmesgLines, source: .dmesg)
        if expected == .panic, let sysrqPanic {
            troubles.removeAll { $0.source == .console && sysrqPanic.reportLines.contains($0.line) }
        }
        for trouble in troubles.prefix(troubleLimit) {
            failures.append(RunFailure(kind: .kernelTrouble, message: trouble.description))
        }
        if troubles.count > troubleLimit {
            failures.append(RunFailure(
                kind: .kernelTrouble,
                message: "\(troubles.count - troubleLimit) more kernel-trouble lines"
            ))
        }

        if expected != .panic {
            failures += verdictFailures(expected: expected, transcript: transcript)
        }

        var judgement = RunJudgement(
            failures: failures,
            verdict: transcript.verdict?.verdict ?? .missing,
            evidence: Self.evidence(transcript.verdict?.evidence ?? []),
            timeToVerdictMs: transcript.verdict?.milliseconds,
            panic: panic
        )
        // The panic is the outcome when the scenario expects it, or when the guest said nothing else.
        if let sysrqPanic, expected == .panic || transcript.verdict == nil {
            judgement.verdict = .panicked
            judgement.evidence = sysrqPanic.evidence
            if let guest = transcript.verdict?.verdict {
                judgement.evidence["guest_verdict"] = guest.rawValue
            }
            judgement.timeToVerdictMs = nil
        }
        return judgement
    }

    /// How an `expect: panic` run must end: no `LAB end`, the sysrq crash, after the setup.
    func panicEndFailures(hasSetup: Bool, transcript: GuestTranscript, panic: KernelPanic?) -> [RunFailure] {
        let guestVerdict = transcript.verdict?.verdict
        if guestVerdict == .setupFailed {
            return [setupFailure(transcript)]
        }
        if transcript.ended {
            let said = guestVerdict.map { "with verdict '\($0)'" } ?? "without a verdict"
            return [RunFailure(
                kind: .verdictMismatch,
                message: "the guest ended normally (LAB end) \(said): the kernel did not panic, expected the sysrq panic of a panic response"
            )]
        }
        guard let panic else {
            let stage = transcript.began ? "after reaching /init" : "before reaching /init"
            return [RunFailure(
                kind: .noEnd,
                message: "the guest stopped without LAB end (\(stage)) and without a kernel panic on the console; expected the sysrq panic"
            )]
        }
        guard panic.isSysrqCrash else {
            return [RunFailure(
                kind: .noEnd,
                message: "the kernel panicked with '\(panic.reason)' (console line \(panic.line)), not with the sysrq crash ('\(KernelPanic.sysrqReason)') of a panic response"
            )]
        }
        guard transcript.began else {
            return [RunFailure(kind: .noEnd, message: "the sysrq panic came before /init: the scenario never ran")]
        }
        if hasSetup {
            guard let setup = transcript.outcome(of: .setup) else {
                return [RunFailure(
                    kind: .setupFailed,
                    message: "the kernel panicked during the setup section (no LAB setup record), before the scenario's action"
                )]
            }
            if setup.status != 0 {
                return [setupFailure(transcript)]
            }
        }
        return []
    }

    /// The guest's verdict against the expected one.
    func verdictFailures(expected: ExpectedVerdict, transcript: GuestTranscript) -> [RunFailure] {
        if let verdict = transcript.verdict?.verdict {
            if verdict == .setupFailed {
                return [setupFailure(transcript)]
            } else if verdict != expected.verdict {
                return [RunFailure(
                    kind: .verdictMismatch,
                    message: "verdict '\(verdict)', expected '\(expected.rawValue)'"
                )]
            }
        } else if transcript.ended {
            return [RunFailure(kind: .verdictMismatch, message: "no verdict record, expected '\(expected.rawValue)'")]
        }
        return []
    }

    func setupFailure(_ transcript: GuestTranscript) -> RunFailure {
        let status = transcript.outcome(of: .setup)?.status.map(String.init) ?? "unknown"
        return RunFailure(kind: .setupFailed, message: "setup exited with status \(status)")
    }

    /// The verdict record's evidence as a dictionary; the first token of a key wins.
    static func evidence(_ tokens: [KeyValueTokens.Token]) -> [String: String] {
        var evidence: [String: String] = [:]
        for token in tokens where evidence[token.key] == nil {
            evidence[token.key] = token.value
        }
        return evidence
    }
}

/// What ``RunJudge`` decided about one run.
public struct RunJudgement: Equatable, Sendable {
    /// Every reason the run failed; empty when it passed.
    public var failures: [RunFailure]
    /// The verdict to record: the guest's, `none` without one, or `panicked` when the guest kernel
    /// died of the sysrq crash before `LAB end` (always for `expect: panic`; otherwise when the
    /// guest reported no verdict).
    public var verdict: Verdict
    /// The guest's `key=value` evidence, or for `panicked` the panic's (``KernelPanic/evidence``,
    /// plus `guest_verdict` when the guest had reported one).
    public var evidence: [String: String]
    /// The guest's time to verdict; `nil` for `panicked`.
    public var timeToVerdictMs: Int?
    /// The first kernel panic on the console, if any.
    public var panic: KernelPanic?

    public var passed: Bool { failures.isEmpty }
}

extension String {
    /// The string without surrounding blanks and line breaks.
    func trimmingBlanksAndNewlines() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
