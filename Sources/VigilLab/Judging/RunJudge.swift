/// Decides whether one (scenario, kernel) run passed.
///
/// A run fails on a timeout or a missing `LAB end`, a kernel-trouble line on the console or in
/// `DMESG`, a failed setup, or a verdict other than the expected one. Every reason is listed.
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
        timeoutSeconds: Int,
        transcript: GuestTranscript,
        consoleText: String,
        exit: GuestExit
    ) -> [RunFailure] {
        var failures: [RunFailure] = []
        if exit.killedAtTimeout {
            let stage = transcript.began ? "after reaching /init" : "before reaching /init"
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
        } else if !transcript.ended {
            let stage = transcript.began ? "after reaching /init" : "before reaching /init"
            failures.append(RunFailure(kind: .noEnd, message: "the guest stopped without LAB end (\(stage))"))
        }

        let troubles = scanner.scan(consoleText: consoleText) + scanner.scan(transcript.dmesgLines, source: .dmesg)
        for trouble in troubles.prefix(troubleLimit) {
            failures.append(RunFailure(kind: .kernelTrouble, message: trouble.description))
        }
        if troubles.count > troubleLimit {
            failures.append(RunFailure(
                kind: .kernelTrouble,
                message: "\(troubles.count - troubleLimit) more kernel-trouble lines"
            ))
        }

        if let verdict = transcript.verdict?.verdict {
            if verdict == .setupFailed {
                let status = transcript.outcome(of: .setup)?.status.map(String.init) ?? "unknown"
                failures.append(RunFailure(kind: .setupFailed, message: "setup exited with status \(status)"))
            } else if verdict != expected.verdict {
                failures.append(RunFailure(
                    kind: .verdictMismatch,
                    message: "verdict '\(verdict)', expected '\(expected.rawValue)'"
                ))
            }
        } else if transcript.ended {
            failures.append(RunFailure(kind: .verdictMismatch, message: "no verdict record, expected '\(expected.rawValue)'"))
        }
        return failures
    }
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
