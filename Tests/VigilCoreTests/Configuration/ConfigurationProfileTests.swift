import Testing
@testable import VigilCore

@Suite("configuration file: LKRG profiles")
struct ConfigurationProfileTests {
    /// LKRG's p_sysctl_profile_validate, less pcfi_validate: kint, pint (LKRG's number), umh, msr, smep, smap.
    /// Vigil's pint_validate is 2 where LKRG's 1 runs with the periodic global check (kint_validate 2 and 3).
    @Test(arguments: [
        (0, [0, 0, 0, 0, 0, 0], 0),
        (1, [1, 1, 1, 0, 1, 1], 1),
        (2, [2, 1, 1, 0, 1, 1], 2),
        (3, [3, 1, 1, 0, 1, 1], 2),
        (4, [3, 3, 2, 1, 1, 1], 3),
    ])
    func validationProfilesSetLKRGsGroups(profile: Int, lkrg: [Int], vigilPintValidate: Int) throws {
        let configuration = try VigilConfiguration.load(text: "profile_validate = \(profile)", path: "x")
        let kernel = configuration.kernelIntegrity
        #expect(Int(kernel.validation.rawValue) == lkrg[0])
        #expect(Int(configuration.processIntegrity.validation.rawValue) == vigilPintValidate)
        #expect(Int(configuration.usermodeHelpers.validation.rawValue) == lkrg[2])
        #expect(kernel.msrValidate == (lkrg[3] == 1))
        #expect(kernel.smepValidate == (lkrg[4] == 1))
        #expect(kernel.smapValidate == (lkrg[5] == 1))
        #expect(configuration.profileValidate == profile)
        // Enforcement is left alone.
        #expect(configuration.processIntegrity.enforcement == ProcessIntegrityPolicy.default.enforcement)
        #expect(kernel.enforcement == KernelIntegrityPolicy.default.enforcement)
        #expect(kernel.interval == KernelIntegrityPolicy.defaultInterval)
    }

    /// LKRG's p_sysctl_profile_enforce, less pcfi_enforce: kint, pint, umh, smep, smap.
    @Test(arguments: [
        (0, [0, 0, 0, 0, 0]),
        (1, [1, 1, 1, 2, 2]),
        (2, [2, 1, 1, 2, 2]),
        (3, [2, 2, 2, 2, 2]),
    ])
    func enforcementProfilesSetLKRGsGroups(profile: Int, lkrg: [Int]) throws {
        let configuration = try VigilConfiguration.load(text: "profile_enforce = \(profile)", path: "x")
        #expect(Int(configuration.kernelIntegrity.enforcement.rawValue) == lkrg[0])
        #expect(Int(configuration.processIntegrity.enforcement.rawValue) == lkrg[1])
        #expect(Int(configuration.usermodeHelpers.enforcement.rawValue) == lkrg[2])
        #expect(configuration.smepEnforce.map { Int($0.rawValue) } == lkrg[3])
        #expect(configuration.smapEnforce.map { Int($0.rawValue) } == lkrg[4])
        #expect(configuration.profileEnforce == profile)
        #expect(configuration.processIntegrity.validation == ProcessIntegrityPolicy.default.validation)
    }

    @Test func explicitKeysOverrideTheProfileWhereverTheyAre() throws {
        let before = try VigilConfiguration.load(text: "umh_validate = 1\nkint_enforce = 1\nprofile_validate = 4\nprofile_enforce = 3", path: "x")
        let after = try VigilConfiguration.load(text: "profile_validate = 4\nprofile_enforce = 3\numh_validate = 1\nkint_enforce = 1", path: "x")
        #expect(before == after)
        #expect(after.usermodeHelpers.validation == .allowlist)
        #expect(after.kernelIntegrity.enforcement == .log)
        // The rest of each profile stands.
        #expect(after.processIntegrity == ProcessIntegrityPolicy(validation: .paranoid, enforcement: .panic))
        #expect(after.kernelIntegrity.msrValidate)
        #expect(after.usermodeHelpers.enforcement == .panic)
        #expect(after.smepEnforce == .panic)
        // As in LKRG, a knob changed away from its profile reads as custom.
        #expect(after.profileValidate == 9)
        #expect(after.profileEnforce == 9)
        #expect(after.validationProfile == nil)
    }

    @Test func anOverrideThatAgreesKeepsTheProfile() throws {
        let configuration = try VigilConfiguration.load(text: "profile_validate = 2\nkint_validate = 2", path: "x")
        #expect(configuration.validationProfile == .balanced)
    }

    @Test func customMeansNoProfile() throws {
        #expect(try VigilConfiguration.load(text: "profile_validate = 9\nprofile_enforce = 9", path: "x") == .default)
    }

    @Test func vigilsDefaultsReadAsCustom() {
        #expect(VigilConfiguration.default.profileValidate == 9)
        #expect(VigilConfiguration.default.profileEnforce == 9)
        // One knob away from LKRG's heavy and selective profiles.
        var heavy = VigilConfiguration.default
        heavy.kernelIntegrity.msrValidate = false
        #expect(heavy.validationProfile == .heavy)
        var selective = VigilConfiguration.default
        selective.smepEnforce = .panic
        selective.smapEnforce = .panic
        #expect(selective.enforcementProfile == .selective)
    }

    @Test func profilesAreDistinct() {
        #expect(Set(ValidationProfile.allCases.map(\.knobs)).count == ValidationProfile.allCases.count)
        #expect(Set(EnforcementProfile.allCases.map(\.knobs)).count == EnforcementProfile.allCases.count)
        for profile in ValidationProfile.allCases {
            #expect(Set(profile.knobs.keys) == ["kint_validate", "pint_validate", "umh_validate", "msr_validate", "smep_validate", "smap_validate"])
        }
        for profile in EnforcementProfile.allCases {
            #expect(Set(profile.knobs.keys) == ["kint_enforce", "pint_enforce", "umh_enforce", "smep_enforce", "smap_enforce"])
        }
    }

    @Test func anLKRGConfigurationCarriesOver() throws {
        let configuration = try VigilConfiguration.load(text: CoreFixture.text("config/lkrg-carried-over.toml"), path: "lkrg.toml")
        #expect(configuration.validationProfile == .heavy)
        #expect(configuration.enforcementProfile == .strict)
        #expect(configuration.kernelIntegrity == KernelIntegrityPolicy(
            validation: .periodicAndEvents, enforcement: .panic, interval: 15, msrValidate: false, smepValidate: true, smapValidate: true
        ))
        #expect(configuration.processIntegrity == ProcessIntegrityPolicy(validation: .currentAndSweep, enforcement: .kill))
        #expect(configuration.usermodeHelpers.validation == .allowlist)
        #expect(configuration.usermodeHelpers.enforcement == .prevent)
        #expect(configuration.smepEnforce == .panic)
        #expect(configuration.smapEnforce == .panic)
        #expect(configuration.modules.blockModules)
        #expect(configuration.heartbeat)
        #expect(configuration.logLevel == .notice)
    }
}
