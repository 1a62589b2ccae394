/// The results of one `vigil-lab run`: `.lab/report.json`, and `docs/detection-matrix.json`.
public struct LabReport: Equatable, Sendable, Codable {
    /// When the run started, ISO 8601 in UTC.
    public var generatedAt: String
    /// The command line that produced the report.
    public var command: String
    /// The kernels the run used, in matrix order.
    public var kernels: [ResolvedKernel]
    /// QEMU's `-accel` value (`tcg,thread=single`).
    public var accelerator: String
    /// One row per (scenario, kernel) run.
    public var runs: [RunRecord]
    /// Host time of the whole run, in milliseconds.
    public var totalWallMs: Int

    public init(
        generatedAt: String,
        command: String,
        kernels: [ResolvedKernel],
        accelerator: String,
        runs: [RunRecord],
        totalWallMs: Int
    ) {
        self.generatedAt = generatedAt
        self.command = command
        self.kernels = kernels
        self.accelerator = accelerator
        self.runs = runs
        self.totalWallMs = totalWallMs
    }

    /// Every run passed.
    public var passed: Bool { runs.allSatisfy(\.passed) }

    /// The runs that failed.
    public var failedRuns: [RunRecord] { runs.filter { !$0.passed } }

    /// The same report without the machine-local run folders, for committing to `docs/`.
    public func withoutRunDirectories() -> LabReport {
        var copy = self
        for index in copy.runs.indices {
            copy.runs[index].runDirectory = nil
        }
        return copy
    }
}
