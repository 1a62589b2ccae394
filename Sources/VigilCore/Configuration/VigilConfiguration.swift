/// Everything /etc/vigil/vigil.toml configures, validated as a whole (docs/configuration.md).
///
/// The knobs keep LKRG's names and meanings; the policies are built by their own
/// initialisers, which state the values each knob allows.
public struct VigilConfiguration: Sendable, Equatable {
    /// Where `vigil run` looks for its configuration.
    public static let defaultPath = "/etc/vigil/vigil.toml"
    public static let defaultSweepInterval: Double = 5
    /// The seconds `sweep_interval` may be (as `vigil run --sweep-interval`).
    public static let sweepIntervalRange: ClosedRange<Double> = 0.5...3600

    /// `pint_validate`, `pint_enforce`.
    public var processIntegrity: ProcessIntegrityPolicy
    /// `sweep_interval`: seconds between sweeps of every task (pint_validate 2 and above).
    public var sweepInterval: Double
    /// `kint_validate`, `kint_enforce`, `interval`, `msr_validate`, `smep_validate`, `smap_validate`.
    public var kernelIntegrity: KernelIntegrityPolicy
    /// `smep_enforce`; nil: a cleared SMEP or UMIP bit is handled as `kint_enforce` says.
    public var smepEnforce: ControlBitEnforcement?
    /// `smap_enforce`; nil: a cleared SMAP bit is handled as `kint_enforce` says.
    public var smapEnforce: ControlBitEnforcement?
    /// `umh_validate`, `umh_enforce`, `umh_allow`.
    public var usermodeHelpers: UsermodeHelperPolicy
    /// `block_modules`, `module_allow`.
    public var modules: ModuleLoadPolicy
    /// `heartbeat`: log a line after each validation that found nothing.
    public var heartbeat: Bool
    /// `log_level`.
    public var logLevel: LogLevel
    /// `json_events`: print events as JSON Lines (docs/events.md).
    public var jsonEvents: Bool

    public init(
        processIntegrity: ProcessIntegrityPolicy = .default,
        sweepInterval: Double = defaultSweepInterval,
        kernelIntegrity: KernelIntegrityPolicy = .default,
        smepEnforce: ControlBitEnforcement? = nil,
        smapEnforce: ControlBitEnforcement? = nil,
        usermodeHelpers: UsermodeHelperPolicy = .default,
        modules: ModuleLoadPolicy = .default,
        heartbeat: Bool = false,
        logLevel: LogLevel = .info,
        jsonEvents: Bool = false
    ) {
        self.processIntegrity = processIntegrity
        self.sweepInterval = sweepInterval
        self.kernelIntegrity = kernelIntegrity
        self.smepEnforce = smepEnforce
        self.smapEnforce = smapEnforce
        self.usermodeHelpers = usermodeHelpers
        self.modules = modules
        self.heartbeat = heartbeat
        self.logLevel = logLevel
        self.jsonEvents = jsonEvents
    }

    /// What `vigil run` does without a file: its option defaults.
    public static let `default` = VigilConfiguration()

    /// The validation profile the knobs match, as LKRG would read `profile_validate`; nil when
    /// they match none (LKRG reads 9, custom). Vigil's defaults match none: they are profile
    /// 3 (heavy) with msr_validate 1.
    public var validationProfile: ValidationProfile? {
        let knobs = knobValues
        return ValidationProfile.allCases.first { $0.knobs.allSatisfy { knobs[$0.key] == $0.value } }
    }

    /// The enforcement profile the knobs match; nil when they match none (LKRG reads 9).
    /// Vigil's defaults match none: they are profile 1 (selective) with smep_enforce and
    /// smap_enforce left to kint_enforce.
    public var enforcementProfile: EnforcementProfile? {
        let knobs = knobValues
        return EnforcementProfile.allCases.first { $0.knobs.allSatisfy { knobs[$0.key] == $0.value } }
    }

    /// `profile_validate` as LKRG's sysctl would read: 0–4, or 9.
    public var profileValidate: Int { validationProfile?.rawValue ?? ValidationProfile.custom }
    /// `profile_enforce` as LKRG's sysctl would read: 0–3, or 9.
    public var profileEnforce: Int { enforcementProfile?.rawValue ?? EnforcementProfile.custom }

    /// The knobs the profiles set, by key; an unset smep/smap_enforce is absent.
    var knobValues: [String: Int] {
        var knobs: [String: Int] = [
            "pint_validate": Int(processIntegrity.validation.rawValue),
            "pint_enforce": Int(processIntegrity.enforcement.rawValue),
            "kint_validate": Int(kernelIntegrity.validation.rawValue),
            "kint_enforce": Int(kernelIntegrity.enforcement.rawValue),
            "msr_validate": kernelIntegrity.msrValidate ? 1 : 0,
            "smep_validate": kernelIntegrity.smepValidate ? 1 : 0,
            "smap_validate": kernelIntegrity.smapValidate ? 1 : 0,
            "umh_validate": Int(usermodeHelpers.validation.rawValue),
            "umh_enforce": Int(usermodeHelpers.enforcement.rawValue),
        ]
        knobs["smep_enforce"] = smepEnforce.map { Int($0.rawValue) }
        knobs["smap_enforce"] = smapEnforce.map { Int($0.rawValue) }
        return knobs
    }
}
