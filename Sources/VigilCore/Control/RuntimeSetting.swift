/// The knobs `vigil set` changes while `vigil run` protects, validated exactly as
/// they are in vigil.toml, and the configuration's knobs as text for `vigil status`.
public enum RuntimeSetting {
    /// Keys that can change at run time. The others (allowlists, log_level, sweep_interval)
    /// need a restart; `vigil set` says so.
    public static let keys: [String] = [
        "profile_validate", "profile_enforce",
        "pint_validate", "pint_enforce",
        "kint_validate", "kint_enforce", "interval", "msr_validate", "smep_validate", "smap_validate",
        "smep_enforce", "smap_enforce",
        "umh_validate", "umh_enforce", "block_modules", "heartbeat",
    ]

    /// `configuration` with `key` set to `value`, which is written as it would be in vigil.toml.
    public static func apply(key: String, value: String, to configuration: VigilConfiguration) throws(ConfigurationError) -> VigilConfiguration {
        let source = "vigil set"
        guard keys.contains(key) else {
            let known = ConfigurationKey.named(key) != nil
            throw ConfigurationError(
                path: source, line: nil, key: key,
                message: known ? "\(key) cannot change at run time; change it in vigil.toml and restart vigil"
                    : "unknown key '\(key)'" + (ConfigurationKey.suggestion(for: key).map { "; did you mean '\($0)'?" } ?? "")
            )
        }
        // The value is parsed and checked by the configuration file's own rules.
        let single = try VigilConfiguration.load(text: "\(key) = \(value)\n", path: source)
        var result = configuration
        for changed in changedKeys(for: key, in: single) {
            copy(changed, from: single, into: &result)
        }
        return result
    }

    /// A profile changes every knob of its group; any other key changes itself.
    static func changedKeys(for key: String, in single: VigilConfiguration) -> [String] {
        switch key {
        case "profile_validate": single.validationProfile.map { Array($0.knobs.keys) } ?? []
        case "profile_enforce": single.enforcementProfile.map { Array($0.knobs.keys) } ?? []
        default: [key]
        }
    }

    static func copy(_ key: String, from source: VigilConfiguration, into target: inout VigilConfiguration) {
        switch key {
        case "pint_validate": target.processIntegrity.validation = source.processIntegrity.validation
        case "pint_enforce": target.processIntegrity.enforcement = source.processIntegrity.enforcement
        case "kint_validate": target.kernelIntegrity.validation = source.kernelIntegrity.validation
        case "kint_enforce": target.kernelIntegrity.enforcement = source.kernelIntegrity.enforcement
        case "interval": target.kernelIntegrity.interval = source.kernelIntegrity.interval
        case "msr_validate": target.kernelIntegrity.msrValidate = source.kernelIntegrity.msrValidate
        case "smep_validate": target.kernelIntegrity.smepValidate = source.kernelIntegrity.smepValidate
        case "smap_validate": target.kernelIntegrity.smapValidate = source.kernelIntegrity.smapValidate
        case "smep_enforce": target.smepEnforce = source.smepEnforce
        case "smap_enforce": target.smapEnforce = source.smapEnforce
        case "umh_validate": target.usermodeHelpers.validation = source.usermodeHelpers.validation
        case "umh_enforce": target.usermodeHelpers.enforcement = source.usermodeHelpers.enforcement
        case "block_modules": target.modules.blockModules = source.modules.blockModules
        case "heartbeat": target.heartbeat = source.heartbeat
        default: break
        }
    }

    /// The knobs that differ between two configurations, with their values before and after.
    public static func change(key: String, from previous: VigilConfiguration, to next: VigilConfiguration) -> SettingChange {
        let before = describe(previous)
        let after = describe(next)
        let changed = Set(after.keys.filter { before[$0] != after[$0] })
        return SettingChange(
            key: key,
            previous: before.filter { changed.contains($0.key) },
            current: after.filter { changed.contains($0.key) }
        )
    }

    /// Every knob of `configuration` by its vigil.toml name, as text.
    public static func describe(_ configuration: VigilConfiguration) -> [String: String] {
        let kernel = configuration.kernelIntegrity
        return [
            "profile_validate": "\(configuration.profileValidate)",
            "profile_enforce": "\(configuration.profileEnforce)",
            "pint_validate": "\(configuration.processIntegrity.validation.rawValue)",
            "pint_enforce": "\(configuration.processIntegrity.enforcement.rawValue)",
            "sweep_interval": "\(configuration.sweepInterval)",
            "kint_validate": "\(kernel.validation.rawValue)",
            "kint_enforce": "\(kernel.enforcement.rawValue)",
            "interval": "\(kernel.interval)",
            "msr_validate": kernel.msrValidate ? "1" : "0",
            "smep_validate": kernel.smepValidate ? "1" : "0",
            "smap_validate": kernel.smapValidate ? "1" : "0",
            "smep_enforce": configuration.smepEnforce.map { "\($0.rawValue)" } ?? "unset",
            "smap_enforce": configuration.smapEnforce.map { "\($0.rawValue)" } ?? "unset",
            "umh_validate": "\(configuration.usermodeHelpers.validation.rawValue)",
            "umh_enforce": "\(configuration.usermodeHelpers.enforcement.rawValue)",
            "block_modules": configuration.modules.blockModules ? "1" : "0",
            "module_allow": configuration.modules.allowedNames?.joined(separator: ",") ?? "",
            "heartbeat": configuration.heartbeat ? "1" : "0",
            "log_level": configuration.logLevel.rawValue,
        ]
    }
}
