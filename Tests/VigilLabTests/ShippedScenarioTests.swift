import Foundation
import Testing
@testable import VigilLab

/// The scenario files and kernel matrix in `Lab/` must always parse.
@Suite("Files shipped in Lab/")
struct ShippedScenarioTests {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func scenarioFiles() -> [URL] {
        let scenarios = packageRoot.appendingPathComponent("Lab/scenarios")
        let groups = (try? FileManager.default.contentsOfDirectory(at: scenarios, includingPropertiesForKeys: nil)) ?? []
        return groups.flatMap { group in
            ((try? FileManager.default.contentsOfDirectory(at: group, includingPropertiesForKeys: nil)) ?? [])
                .filter { $0.pathExtension == "scenario" }
        }
    }

    @Test func everyScenarioFileParses() throws {
        let files = Self.scenarioFiles()
        #expect(files.count >= 4)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let group = file.deletingLastPathComponent().lastPathComponent
            #expect(throws: Never.self) {
                try ScenarioParser().parse(text, file: file.path, group: group)
            }
        }
    }

    @Test func smokeScenariosArePresent() throws {
        let names = Set(Self.scenarioFiles().map { $0.deletingPathExtension().lastPathComponent })
        #expect(names.isSuperset(of: ["boot", "vigil-version", "vigil-check", "vigil-check-nonroot"]))
    }

    static func parsedScenarios() throws -> [Scenario] {
        try scenarioFiles().map { file in
            try ScenarioParser().parse(
                try String(contentsOf: file, encoding: .utf8),
                file: file.path,
                group: file.deletingLastPathComponent().lastPathComponent
            )
        }
    }

    /// The guard groups (usermode helpers, module policy, CPU state) run on every kernel.
    @Test func guardGroupsArePresentOnAllKernels() throws {
        let scenarios = try Self.parsedScenarios()
        for group in ["guard-attack", "guard-legit"] {
            let members = scenarios.filter { $0.group == group }
            #expect(members.count >= 3, "group \(group)")
            for scenario in members {
                #expect(scenario.kernels == .all, "\(scenario.qualifiedName)")
            }
        }
        #expect(scenarios.filter { $0.group == "guard-legit" }.allSatisfy { $0.expect == .silent })
        #expect(scenarios.filter { $0.group == "guard-attack" }.allSatisfy { $0.expect == .blocked || $0.expect == .detected })
    }

    /// Every `--scenario` of scripts/demo's default suite is a shipped group or scenario.
    @Test func demoSuiteNamesShippedGroups() throws {
        let demo = try String(contentsOf: Self.packageRoot.appendingPathComponent("scripts/demo"), encoding: .utf8)
        let line = try #require(demo.split(separator: "\n").first { $0.contains("set -- --scenario") })
        let words = line.split(separator: " ").map(String.init)
        let filters = zip(words, words.dropFirst()).filter { $0.0 == "--scenario" }.map(\.1)
        #expect(filters.contains("guard-attack"))
        #expect(filters.contains("guard-legit"))
        let selected = try ScenarioSelector(filters: filters).select(from: try Self.parsedScenarios())
        #expect(!selected.isEmpty)
    }

    @Test func kernelMatrixParses() throws {
        let text = try String(contentsOf: Self.packageRoot.appendingPathComponent("Lab/kernels.conf"), encoding: .utf8)
        let specs = try KernelMatrixParser().parse(text, file: "Lab/kernels.conf")
        #expect(specs.map(\.series) == ["6.1", "6.12"])
    }
}
