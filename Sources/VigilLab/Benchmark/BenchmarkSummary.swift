/// Summarises the `BENCH phase=P op=O ns=N …` lines a benchmark scenario prints
/// (see Lab/programs/vigil-bench.c): per operation, the median cost in each
/// phase and each guard phase's overhead against the baseline phases of the
/// same boot. TCG distorts absolute costs, so only these ratios are reported
/// as results; the absolute figures are context.
public struct BenchmarkSummary: Equatable, Sendable {
    public struct Sample: Equatable, Sendable {
        public var phase: String
        public var operation: String
        public var nanoseconds: Double
    }

    public struct Row: Equatable, Sendable {
        public var operation: String
        /// Median over the phase's runs, by phase name.
        public var medians: [String: Double]
        /// Spread of the baseline runs: (max - min) / median, the noise floor.
        public var baselineSpread: Double?

        /// (phase - baseline) / baseline, when both were measured.
        public func overhead(_ phase: String) -> Double? {
            guard let baseline = medians[BenchmarkSummary.baselinePhase], baseline > 0, let value = medians[phase] else { return nil }
            return (value - baseline) / baseline
        }
    }

    public static let baselinePhase = "baseline"

    public var rows: [Row]
    /// Guard phases in first-seen order (everything but the baseline).
    public var phases: [String]

    /// Parses every BENCH line among `lines` (other lines are ignored; a BENCH
    /// line without phase, op or a numeric ns is skipped).
    public init(lines: [String]) {
        var samples: [Sample] = []
        for line in lines {
            guard let start = line.firstRange(of: "BENCH ") else { continue }
            let tokens = KeyValueTokens(parsing: line[start.upperBound...])
            guard let phase = tokens["phase"], let operation = tokens["op"], let text = tokens["ns"], let value = Double(text) else { continue }
            samples.append(Sample(phase: phase, operation: operation, nanoseconds: value))
        }
        self.init(samples: samples)
    }

    public init(samples: [Sample]) {
        var operations: [String] = []
        var phases: [String] = []
        for sample in samples {
            if !operations.contains(sample.operation) { operations.append(sample.operation) }
            if sample.phase != Self.baselinePhase, !phases.contains(sample.phase) { phases.append(sample.phase) }
        }
        self.phases = phases
        rows = operations.map { operation in
            let mine = samples.filter { $0.operation == operation }
            var medians: [String: Double] = [:]
            for phase in Set(mine.map(\.phase)) {
                medians[phase] = Self.median(mine.filter { $0.phase == phase }.map(\.nanoseconds))
            }
            let baselines = mine.filter { $0.phase == Self.baselinePhase }.map(\.nanoseconds)
            var spread: Double?
            if baselines.count > 1, let low = baselines.min(), let high = baselines.max(), let middle = Self.median(baselines), middle > 0 {
                spread = (high - low) / middle
            }
            return Row(operation: operation, medians: medians, baselineSpread: spread)
        }
    }

    public var isEmpty: Bool { rows.isEmpty }

    /// A Markdown table: operation, baseline, each guard phase with its overhead, baseline spread.
    public var markdown: String {
        var header = "| operation | baseline |"
        var rule = "|---|---|"
        for phase in phases {
            header += " \(phase) | \(phase) overhead |"
            rule += "---|---|"
        }
        header += " baseline spread |"
        rule += "---|"
        var lines = [header, rule]
        for row in rows {
            var line = "| \(row.operation) | \(Self.duration(row.medians[Self.baselinePhase])) |"
            for phase in phases {
                line += " \(Self.duration(row.medians[phase])) | \(Self.percent(row.overhead(phase))) |"
            }
            line += " \(row.baselineSpread.map { "±" + Self.percent($0, signed: false) } ?? "–") |"
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    static func duration(_ nanoseconds: Double?) -> String {
        guard let nanoseconds else { return "–" }
        if nanoseconds >= 1_000_000 { return "\(rounded(nanoseconds / 1_000_000)) ms" }
        if nanoseconds >= 1_000 { return "\(rounded(nanoseconds / 1_000)) µs" }
        return "\(Int(nanoseconds.rounded())) ns"
    }

    static func percent(_ fraction: Double?, signed: Bool = true) -> String {
        guard let fraction else { return "–" }
        let value = Int((fraction * 100).rounded())
        return (signed && value > 0 ? "+" : "") + "\(value)%"
    }

    private static func rounded(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
