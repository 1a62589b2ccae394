import ArgumentParser
import VigilLab

/// `vigil-lab scenarios`: check every scenario file and list them.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "Check every scenario file and list the scenarios.",
        discussion: "Exits non-zero and names file and line of every mistake when a scenario file is broken."
    )

    @OptionGroup var rootOptions: PackageRootOptions

    func run() throws {
        let layout = try rootOptions.layout()
        let scenarios = try ScenarioLoader.loadAll(layout).sorted { $0.qualifiedName < $1.qualifiedName }
        for scenario in scenarios {
            let kernels: String
            switch scenario.kernels {
            case .all: kernels = "all"
            case .series(let list): kernels = list.joined(separator: " ")
            }
            print("\(scenario.qualifiedName)  expect=\(scenario.expect.rawValue) kernels=\(kernels) timeout=\(scenario.timeoutSeconds)s")
            if !scenario.summary.isEmpty {
                print("    \(scenario.summary)")
            }
        }
    }
}
