import Testing
@testable import VigilCore

@Suite("configuration file: shipped file, documentation and defaults")
struct ShippedConfigurationTests {
    /// config/vigil.toml, installed as /etc/vigil/vigil.toml.
    private func shipped() throws -> String {
        try CoreFixture.text("../../config/vigil.toml")
    }

    @Test func theShippedFileChangesNothing() throws {
        #expect(try VigilConfiguration.load(text: shipped(), path: "config/vigil.toml") == .default)
    }

    @Test func theShippedFileShowsEveryKeyWithItsDefault() throws {
        let lines = try shipped().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for key in ConfigurationKey.all {
            if let value = key.defaultValue {
                #expect(lines.contains("# \(key.name) = \(value)"), "config/vigil.toml lacks '# \(key.name) = \(value)'")
            } else {
                #expect(lines.contains { $0.hasPrefix("# \(key.name) = ") }, "config/vigil.toml does not show \(key.name)")
            }
        }
    }

    @Test func uncommentingEveryDefaultChangesNothing() throws {
        let defaults = Set(ConfigurationKey.all.compactMap { key in key.defaultValue.map { "# \(key.name) = \($0)" } })
        let uncommented = try shipped().split(separator: "\n", omittingEmptySubsequences: false).map { line in
            defaults.contains(String(line)) ? String(line.dropFirst(2)) : String(line)
        }
        let text = uncommented.joined(separator: "\n")
        #expect(text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.count == defaults.count)
        #expect(try VigilConfiguration.load(text: text, path: "config/vigil.toml") == .default)
    }

    @Test func eachDefaultWrittenOutIsTheDefault() throws {
        for key in ConfigurationKey.all {
            guard let value = key.defaultValue else { continue }
            #expect(try VigilConfiguration.load(text: "\(key.name) = \(value)", path: "x") == .default, "\(key.name)")
        }
    }

    @Test func theDocumentationHasARowForEveryKey() throws {
        let documentation = try CoreFixture.text("../../docs/configuration.md")
        for key in ConfigurationKey.all {
            #expect(documentation.contains("| `\(key.name)` |"), "docs/configuration.md has no row for \(key.name)")
        }
        for key in ConfigurationKey.lkrgOnly.keys {
            #expect(documentation.contains("`\(key)`"), "docs/configuration.md does not mention LKRG's \(key)")
        }
    }

    /// The option defaults of `vigil run` (RunCommand.swift), restated.
    @Test func defaultsAreVigilRunsDefaults() {
        let configuration = VigilConfiguration.default
        #expect(configuration.processIntegrity.validation.rawValue == 2)
        #expect(configuration.processIntegrity.enforcement.rawValue == 1)
        #expect(configuration.sweepInterval == 5)
        #expect(configuration.kernelIntegrity.validation.rawValue == 3)
        #expect(configuration.kernelIntegrity.enforcement.rawValue == 1)
        #expect(configuration.kernelIntegrity.interval == 5)
        #expect(configuration.kernelIntegrity.msrValidate)
        #expect(configuration.kernelIntegrity.smepValidate)
        #expect(configuration.kernelIntegrity.smapValidate)
        #expect(configuration.smepEnforce == nil)
        #expect(configuration.smapEnforce == nil)
        #expect(configuration.usermodeHelpers.validation.rawValue == 1)
        #expect(configuration.usermodeHelpers.enforcement.rawValue == 1)
        #expect(configuration.usermodeHelpers.allowlist == UsermodeHelperAllowlist.builtIn)
        #expect(!configuration.modules.blockModules)
        #expect(configuration.modules.allowedNames == nil)
        #expect(!configuration.heartbeat)
        #expect(configuration.logLevel == .info)
        #expect(!configuration.jsonEvents)
    }

    @Test func editDistanceCountsEdits() {
        #expect(ConfigurationKey.editDistance(Array("kint_valdate".utf8), Array("kint_validate".utf8)) == 1)
        #expect(ConfigurationKey.editDistance(Array("".utf8), Array("abc".utf8)) == 3)
        #expect(ConfigurationKey.editDistance(Array("abc".utf8), Array("".utf8)) == 3)
        #expect(ConfigurationKey.editDistance(Array("kitten".utf8), Array("sitting".utf8)) == 3)
        #expect(ConfigurationKey.suggestion(for: "colour") == nil)
    }
}
