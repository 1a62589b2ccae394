import Testing
@testable import VigilLab

@Suite("Scenario selection")
struct ScenarioSelectorTests {
    let scenarios = [
        Scenario(name: "boot", group: "smoke", expect: .pass, sections: [:]),
        Scenario(name: "cred-overwrite", group: "attacks", expect: .detected, sections: [:]),
        Scenario(name: "vigil-check", group: "smoke", expect: .pass, sections: [:]),
    ]

    @Test func noFilterSelectsAllInOrder() throws {
        let selected = try ScenarioSelector(filters: []).select(from: scenarios)
        #expect(selected.map(\.qualifiedName) == ["attacks/cred-overwrite", "smoke/boot", "smoke/vigil-check"])
    }

    @Test func filtersByNameGroupOrBoth() throws {
        #expect(try ScenarioSelector(filters: ["boot"]).select(from: scenarios).map(\.name) == ["boot"])
        #expect(try ScenarioSelector(filters: ["smoke"]).select(from: scenarios).map(\.name) == ["boot", "vigil-check"])
        #expect(try ScenarioSelector(filters: ["attacks/cred-overwrite", "boot"]).select(from: scenarios).map(\.name) == ["cred-overwrite", "boot"])
        #expect(try ScenarioSelector(filters: ["smoke", "boot"]).select(from: scenarios).count == 2)
    }

    @Test func unknownFilterListsWhatExists() {
        #expect(throws: ScenarioSelector.UnknownFilter.self) {
            try ScenarioSelector(filters: ["nope"]).select(from: scenarios)
        }
        do {
            _ = try ScenarioSelector(filters: ["nope"]).select(from: scenarios)
        } catch {
            #expect(error.description.contains("'nope'"))
            #expect(error.available.contains("smoke"))
            #expect(error.available.contains("smoke/boot"))
        }
    }

    @Test func kernelSelection() {
        #expect(KernelSelection.all.includes(series: "6.12"))
        #expect(KernelSelection.series(["6.1"]).includes(series: "6.1"))
        #expect(!KernelSelection.series(["6.1"]).includes(series: "6.12"))
    }
}
