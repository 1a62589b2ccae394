import ArgumentParser
import Testing
@testable import VigilCLI

@Suite("vigil run arguments")
struct RunCommandTests {
    @Test func acceptsLKRGStyleKnobs() throws {
        let command = try #require(try VigilCommand.parseAsRoot(["run", "--pint-validate", "1", "--pint-enforce", "0", "--json"]) as? RunCommand)
        #expect(command.pintValidate == 1)
        #expect(command.pintEnforce == 0)
        #expect(command.json)
    }

    @Test(arguments: [
        (["run", "--pint-validate", "7"], "--pint-validate 7 is not allowed; use 0, 1, 2 or 3."),
        (["run", "--pint-enforce=-1"], "--pint-enforce -1 is not allowed; use 0, 1 or 2."),
        (["run", "--sweep-interval", "0.1"], "--sweep-interval 0.1 is out of range; use 0.5 to 3600 seconds."),
        (["run", "--duration", "0"], "--duration must be positive."),
    ])
    func rejectsOutOfRangeValues(arguments: [String], message: String) {
        do {
            _ = try VigilCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) must be rejected")
        } catch {
            #expect(VigilCommand.message(for: error) == message)
        }
    }

    @Test func rejectsAnUnknownLogLevel() {
        #expect(throws: (any Error).self) { try VigilCommand.parseAsRoot(["run", "--log-level", "loud"]) }
    }
}
