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

    @Test func kernelMatrixParses() throws {
        let text = try String(contentsOf: Self.packageRoot.appendingPathComponent("Lab/kernels.conf"), encoding: .utf8)
        let specs = try KernelMatrixParser().parse(text, file: "Lab/kernels.conf")
        #expect(specs.map(\.series) == ["6.1", "6.12"])
    }
}
