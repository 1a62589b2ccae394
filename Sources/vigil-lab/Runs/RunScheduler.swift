/// Runs the (scenario, kernel) targets with at most `jobs` guests at once, keeping the results in plan order.
struct RunScheduler {
    var jobs: Int

    /// - Parameters:
    ///   - makeRun: the run of one target.
    ///   - progress: called with the target's 1-based index when it starts (`nil` outcome) and when it finishes.
    func perform(
        _ targets: [RunTarget],
        makeRun: @escaping @Sendable (RunTarget) -> ScenarioRun,
        progress: @escaping @Sendable (Int, RunTarget, ScenarioRun.Outcome?) -> Void
    ) async -> [ScenarioRun.Outcome] {
        var outcomes: [ScenarioRun.Outcome?] = Array(repeating: nil, count: targets.count)
        await withTaskGroup(of: (Int, ScenarioRun.Outcome).self) { group in
            var next = 0
            func startNext() {
                guard next < targets.count else { return }
                let index = next
                let target = targets[index]
                next += 1
                progress(index + 1, target, nil)
                group.addTask {
                    let outcome = await makeRun(target).perform()
                    return (index, outcome)
                }
            }
            for _ in 0..<min(jobs, targets.count) {
                startNext()
            }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                progress(index + 1, targets[index], outcome)
                startNext()
            }
        }
        return outcomes.compactMap { $0 }
    }
}
