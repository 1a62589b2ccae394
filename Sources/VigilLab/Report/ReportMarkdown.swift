/// Renders a ``LabReport`` as Markdown: the scenario × kernel matrix, boot times and failures.
public struct ReportMarkdown: Sendable {
    public var report: LabReport

    public init(report: LabReport) {
        self.report = report
    }

    /// The matrix: one row per scenario, one column per kernel; each cell says pass or fail,
    /// the verdict and the time to verdict.
    public var matrix: String {
        let header = ["scenario", "expect"] + report.kernels.map { "\($0.series) (`\($0.release)`)" }
        var lines = [
            "| " + header.joined(separator: " | ") + " |",
            "|" + String(repeating: "---|", count: header.count),
        ]
        for scenario in scenarios {
            let expected = report.runs.first { $0.scenario == scenario }?.expected.rawValue ?? ""
            let cells = report.kernels.map { kernel in
                report.runs.first { $0.scenario == scenario && $0.kernelRelease == kernel.release }
                    .map(Self.cell) ?? "—"
            }
            lines.append("| `\(scenario)` | \(expected) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line: how many runs passed and how long everything took.
    public var summary: String {
        let failed = report.failedRuns.count
        let total = report.runs.count
        let outcome = failed == 0 ? "all \(total) runs passed" : "\(failed) of \(total) runs FAILED"
        return "\(outcome) in \(Self.seconds(report.totalWallMs))."
    }

    /// Medians per kernel: guest uptime at `/init`, host time from QEMU's start to `/init`, host time of a run.
    public var bootTimes: String {
        var lines = [
            "| kernel | runs | guest uptime at /init | host time to /init | host time per run |",
            "|---|---|---|---|---|",
        ]
        for kernel in report.kernels {
            let runs = report.runs.filter { $0.kernelRelease == kernel.release }
            let boot = Self.median(runs.compactMap(\.bootMs)).map(Self.seconds) ?? "—"
            let hostBoot = Self.median(runs.compactMap(\.hostBootMs)).map(Self.seconds) ?? "—"
            let wall = Self.median(runs.map(\.wallMs)).map(Self.seconds) ?? "—"
            lines.append("| \(kernel.release) | \(runs.count) | \(boot) | \(hostBoot) | \(wall) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The failed runs with every reason, or an empty string.
    public var failures: String {
        let failed = report.failedRuns
        guard !failed.isEmpty else {
            return ""
        }
        var lines: [String] = []
        for run in failed {
            let place = run.runDirectory.map { " — logs in `\($0)`" } ?? ""
            lines.append("- `\(run.scenario)` on \(run.kernelRelease)\(place)")
            for failure in run.failures {
                lines.append("  - \(failure.kind.rawValue): \(failure.message.replacingAll("|", with: "\\|"))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `.lab/report.md`.
    public var document: String {
        var text = "# Vigil lab report\n\n"
        text += "Run of \(report.generatedAt): `\(report.command)` (`-accel \(report.accelerator)`). \(summary)\n\n"
        text += matrix + "\n"
        text += "## Boot times (medians)\n\n" + bootTimes
        if !failures.isEmpty {
            text += "\n## Failures\n\n" + failures
        }
        return text
    }

    var scenarios: [String] {
        var seen: [String] = []
        for run in report.runs where !seen.contains(run.scenario) {
            seen.append(run.scenario)
        }
        return seen
    }

    static func cell(_ run: RunRecord) -> String {
        let mark = run.passed ? "✅" : "❌"
        // A detection's own latency (event time minus attack time) says more than the
        // harness's time to verdict, which includes the scenario's waiting.
        var time = run.timeToVerdictMs.map { " · \($0) ms" } ?? ""
        if run.verdict == .panicked {
            // The harness read the panic off the console: what crashed the kernel, and when.
            time = run.evidence["trigger"] == "sysrq" ? " · sysrq crash" : ""
            if let latency = run.evidence["latency_ms"] {
                time += " \(latency) ms after the attack"
            }
        } else if let latency = run.evidence["latency_ms"] {
            time = " · \(latency) ms after the attack"
            if let hook = run.evidence["hook"] {
                time += " at `\(hook)`"
            }
        }
        let reason = run.passed ? "" : " (" + Set(run.failures.map(\.kind.rawValue)).sorted().joined(separator: ", ") + ")"
        return "\(mark) \(run.verdict)\(time)\(reason)"
    }

    static func seconds(_ milliseconds: Int) -> String {
        let tenths = (milliseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10) s"
    }

    static func median(_ values: [Int]) -> Int? {
        guard !values.isEmpty else {
            return nil
        }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}
