import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Testing
import VigilCore
@testable import VigilCLI

@Suite("vigil.toml defaults against vigil run's")
struct ConfigurationDefaultsTests {
    /// Without a file, and without options, vigil run is the default configuration.
    @Test func noOptionsLeaveTheDefaults() throws {
        let command = try #require(try VigilCommand.parseAsRoot(["run", "--no-config"]) as? RunCommand)
        #expect(try command.applyingOptions(to: .default) == VigilConfiguration.default)
    }

    /// The defaults `vigil run --help` states are the configuration's.
    @Test func theHelpStatesTheConfigurationDefaults() {
        let help = VigilCommand.helpMessage(for: RunCommand.self, columns: 1000)
        let defaults = VigilConfiguration.default
        let stated: [(String, String)] = [
            ("--pint-validate", "\(defaults.processIntegrity.validation.rawValue)"),
            ("--pint-enforce", "\(defaults.processIntegrity.enforcement.rawValue)"),
            ("--kint-validate", "\(defaults.kernelIntegrity.validation.rawValue)"),
            ("--kint-enforce", "\(defaults.kernelIntegrity.enforcement.rawValue)"),
            ("--interval", "\(Int(defaults.kernelIntegrity.interval))"),
            ("--msr-validate", defaults.kernelIntegrity.msrValidate ? "1" : "0"),
            ("--smep-validate", defaults.kernelIntegrity.smepValidate ? "1" : "0"),
            ("--smap-validate", defaults.kernelIntegrity.smapValidate ? "1" : "0"),
            ("--sweep-interval", "\(Int(defaults.sweepInterval))"),
            ("--umh-validate", "\(defaults.usermodeHelpers.validation.rawValue)"),
            ("--umh-enforce", "\(defaults.usermodeHelpers.enforcement.rawValue)"),
            ("--block-modules", defaults.modules.blockModules ? "1" : "0"),
            ("--log-level", defaults.logLevel.rawValue),
        ]
        // Each option's entry runs from its name to the next option's.
        let entries = help.components(separatedBy: "\n  --").map { "--" + $0.replacingOccurrences(of: "\n", with: " ") }
        for (option, value) in stated {
            let entry = entries.first { $0.hasPrefix(option + " ") } ?? ""
            #expect(entry.contains("(default: \(value))"), "\(option): \(entry)")
        }
    }

    @Test func withoutAFileTheOptionsStillApply() throws {
        let command = try #require(try VigilCommand.parseAsRoot(["run", "--no-config", "--pint-enforce", "0", "--json", "--block-modules", "1"]) as? RunCommand)
        let loaded = try command.loadConfiguration()
        #expect(loaded.processIntegrity.enforcement == .log)
        #expect(loaded.jsonEvents)
        #expect(loaded.modules.blockModules)
    }

    @Test func optionsOverrideTheFileAndAddToItsAllowlists() throws {
        let file = try VigilConfiguration.load(text: "pint_enforce = 0\nkint_validate = 2\numh_allow = [\"/opt/helper\"]\nmodule_allow = [\"ext4\"]\n", path: "test.toml")
        let command = try #require(try VigilCommand.parseAsRoot(["run", "--pint-enforce", "2", "--umh-allow", "/usr/local/bin/h"]) as? RunCommand)
        let merged = try command.applyingOptions(to: file)
        #expect(merged.processIntegrity.enforcement == .panic)
        #expect(merged.kernelIntegrity.validation == .periodic)
        #expect(merged.usermodeHelpers.allowlist.contains("/opt/helper"))
        #expect(merged.usermodeHelpers.allowlist.contains("/usr/local/bin/h"))
        #expect(merged.modules.allowedNames == ["ext4"])
    }

    @Test func aBadFileIsRefusedBeforeAnythingStarts() throws {
        let directory = "/tmp/vigil-config-test-\(getpid())"
        mkdir(directory, 0o700)
        defer { unlink(directory + "/bad.toml"); rmdir(directory) }
        let path = directory + "/bad.toml"
        let text = "kint_validate = 3\numh_enforce = 5\n"
        _ = text.withCString { pointer in
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            defer { close(descriptor) }
            return write(descriptor, pointer, strlen(pointer))
        }
        let command = try #require(try VigilCommand.parseAsRoot(["run", "--config", path]) as? RunCommand)
        do {
            _ = try command.loadConfiguration()
            Issue.record("a bad file must be refused")
        } catch let failure as CommandFailure {
            #expect(failure.exitCode == ExitStatus.configurationError)
            #expect(failure.message.hasPrefix(path + ":2: umh_enforce = 5 is not allowed"))
            #expect(failure.message.hasSuffix("nothing was started"))
        }
    }
}
