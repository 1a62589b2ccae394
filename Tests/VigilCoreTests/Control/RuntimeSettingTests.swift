import Testing
@testable import VigilCore

@Suite("vigil set: knobs changed at run time")
struct RuntimeSettingTests {
    @Test func setsOneKnobAndLeavesTheRest() throws {
        let changed = try RuntimeSetting.apply(key: "pint_enforce", value: "0", to: .default)
        #expect(changed.processIntegrity.enforcement == .log)
        #expect(changed.processIntegrity.validation == VigilConfiguration.default.processIntegrity.validation)
        #expect(changed.kernelIntegrity == VigilConfiguration.default.kernelIntegrity)
        let blocked = try RuntimeSetting.apply(key: "block_modules", value: "1", to: changed)
        #expect(blocked.modules.blockModules)
        #expect(blocked.processIntegrity.enforcement == .log)
    }

    @Test func keepsTheFilesAllowlists() throws {
        let file = try VigilConfiguration.load(text: "umh_allow = [\"/opt/helper\"]\nmodule_allow = [\"ext4\"]\n", path: "t.toml")
        let changed = try RuntimeSetting.apply(key: "umh_enforce", value: "2", to: file)
        #expect(changed.usermodeHelpers.enforcement == .panic)
        #expect(changed.usermodeHelpers.allowlist.contains("/opt/helper"))
        #expect(changed.modules.allowedNames == ["ext4"])
    }

    @Test func aProfileSetsItsGroup() throws {
        let changed = try RuntimeSetting.apply(key: "profile_enforce", value: "0", to: .default)
        #expect(changed.processIntegrity.enforcement == .log)
        #expect(changed.kernelIntegrity.enforcement == .logAndAccept)
        #expect(changed.usermodeHelpers.enforcement == .log)
    }

    @Test func describesEveryKnob() throws {
        let described = RuntimeSetting.describe(try RuntimeSetting.apply(key: "interval", value: "2.5", to: .default))
        #expect(described["interval"] == "2.5")
        #expect(described["pint_enforce"] == "1")
        #expect(described["smep_enforce"] == "unset")
        for key in RuntimeSetting.keys {
            #expect(described[key] != nil, "\(key) is not described")
        }
    }

    @Test(arguments: [
        ("pint_enforce", "7", "pint_enforce = 7 is not allowed; use 0, 1 or 2"),
        ("umh_allow", "[\"/x\"]", "umh_allow cannot change at run time; change it in vigil.toml and restart vigil"),
        ("pint_enforc", "1", "unknown key 'pint_enforc'; did you mean 'pint_enforce'?"),
        ("interval", "soon", "vigil set:1:"),
    ])
    func refusesWithAReason(key: String, value: String, message: String) {
        do {
            _ = try RuntimeSetting.apply(key: key, value: value, to: .default)
            Issue.record("\(key) = \(value) must be refused")
        } catch {
            #expect(error.description.hasPrefix("vigil set"), "\(error.description)")
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}

@Suite("vigil set: what changed")
struct RuntimeSettingChangeTests {
    @Test func listsOnlyTheKnobsThatDiffer() throws {
        let next = try RuntimeSetting.apply(key: "block_modules", value: "1", to: .default)
        let change = RuntimeSetting.change(key: "block_modules", from: .default, to: next)
        #expect(change.previous == ["block_modules": "0"])
        #expect(change.current == ["block_modules": "1"])
        #expect(RuntimeSetting.change(key: "x", from: next, to: next).current.isEmpty)
    }
}
