import ArgumentParser
import Testing
@testable import VigilCLI

@Suite("vigil help text")
struct HelpSnapshotTests {
    @Test func rootHelp() throws {
        try Snapshot.expect(VigilCommand.helpMessage(columns: 80) + "\n", matches: "vigil-help.txt")
    }

    @Test func checkHelp() throws {
        try Snapshot.expect(VigilCommand.helpMessage(for: CheckCommand.self, columns: 80) + "\n", matches: "vigil-check-help.txt")
    }
}

@Suite("vigil run help text")
struct RunHelpSnapshotTests {
    @Test func runHelp() throws {
        try Snapshot.expect(VigilCommand.helpMessage(for: RunCommand.self, columns: 80) + "\n", matches: "vigil-run-help.txt")
    }
}
