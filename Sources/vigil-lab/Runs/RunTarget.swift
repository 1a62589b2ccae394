import VigilLab

/// One (scenario, kernel) pair of a `vigil-lab run`.
struct RunTarget: Sendable {
    var scenario: Scenario
    var kernel: ResolvedKernel

    /// Every selected scenario on every selected kernel it allows, scenario by scenario.
    static func plan(scenarios: [Scenario], kernels: [ResolvedKernel]) -> [RunTarget] {
        scenarios.flatMap { scenario in
            kernels.filter { scenario.kernels.includes(series: $0.series) }
                .map { RunTarget(scenario: scenario, kernel: $0) }
        }
    }

    var label: String { "\(scenario.qualifiedName) on \(kernel.release)" }
}
