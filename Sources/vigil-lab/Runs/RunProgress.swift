import VigilLab

/// What `vigil-lab run` prints as runs start and finish.
enum RunProgress {
    /// How many LOG lines a failure shows before pointing at `log.txt`.
    static let logLineLimit = 60

    static func started(_ index: Int, of total: Int, _ target: RunTarget) -> String {
        "[\(index)/\(total)] \(target.label) …"
    }

    /// One line per run; for a failed run also the console tail, the LOG lines and where the logs are.
    static func finished(_ index: Int, of total: Int, _ target: RunTarget, _ outcome: ScenarioRun.Outcome, layout: LabLayout) -> String {
        let record = outcome.record
        let mark = record.passed ? "PASS" : "FAIL"
        var details: [String] = []
        if let ms = record.timeToVerdictMs {
            details.append("verdict after \(ms) ms")
        }
        if let boot = record.bootMs {
            details.append("boot \(DurationText.seconds(boot))")
        }
        details.append("wall \(DurationText.seconds(record.wallMs))")
        var text = "[\(index)/\(total)] \(target.label): \(mark) \(record.verdict) (\(details.joined(separator: ", ")))"
        guard !record.passed else {
            return text
        }
        for failure in record.failures {
            text += "\n    \(failure)"
        }
        for problem in outcome.problems.prefix(10) {
            text += "\n    protocol: \(problem)"
        }
        text += "\n    console: \(layout.relative(outcome.directory))/console.log (last \(outcome.consoleTail.count) lines):"
        for line in outcome.consoleTail {
            text += "\n    | \(line)"
        }
        let logs = outcome.logLines
        text += "\n    LOG lines (\(logs.count)):"
        if logs.count > logLineLimit {
            text += "\n    … \(logs.count - logLineLimit) earlier lines in \(layout.relative(outcome.directory))/log.txt"
        }
        for line in logs.suffix(logLineLimit) {
            text += "\n    > \(line)"
        }
        return text
    }
}
