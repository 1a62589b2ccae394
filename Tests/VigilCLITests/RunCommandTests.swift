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
        (["run", "--sweep-interval", "0.1"], "--sweep-interval 0.1 is not allowed; use 0.5 to 3600 seconds."),
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

@Suite("vigil run guard arguments")
struct RunCommandGuardArgumentTests {
    @Test func acceptsHelperAndModuleKnobs() throws {
        let command = try #require(try VigilCommand.parseAsRoot([
            "run", "--umh-validate", "2", "--umh-enforce", "0", "--umh-allow", "/usr/local/sbin/helper",
            "--block-modules", "1", "--module-allow", "ext4", "--module-allow", "nf-tables",
        ]) as? RunCommand)
        #expect(command.umhValidate == 2)
        #expect(command.umhEnforce == 0)
        #expect(command.umhAllow == ["/usr/local/sbin/helper"])
        #expect(command.blockModules == 1)
        #expect(command.moduleAllow == ["ext4", "nf-tables"])
    }

    @Test(arguments: [
        (["run", "--umh-validate", "3"], "--umh-validate 3 is not allowed; use 0, 1 or 2."),
        (["run", "--umh-enforce", "9"], "--umh-enforce 9 is not allowed; use 0, 1 or 2."),
        (["run", "--umh-allow", "helper"], "--umh-allow 'helper' is not allowed; use an absolute path of at most 255 bytes without NUL or newline."),
        (["run", "--block-modules", "2"], "--block-modules 2 is not allowed; use 0 or 1."),
        (["run", "--module-allow", "bad.ko"], "--module-allow 'bad.ko' is not allowed; use a module name of letters, digits, '_' and '-', at most 55 bytes."),
    ])
    func rejectsBadValuesNamingTheOption(arguments: [String], message: String) {
        do {
            _ = try VigilCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) must be rejected")
        } catch {
            #expect(VigilCommand.message(for: error) == message)
        }
    }

    @Test func sysctlValuesLoseTheNewlineTheReadAdds() {
        #expect("/sbin/modprobe\n".trimmingSuffixNewline() == "/sbin/modprobe")
        #expect("core".trimmingSuffixNewline() == "core")
    }
}
