/// Reads the keys of a document one by one, then builds the policies.
struct ConfigurationReader {
    let document: TOMLDocument
    private var validationProfile: (profile: ValidationProfile, line: Int)?
    private var enforcementProfile: (profile: EnforcementProfile, line: Int)?
    /// Knobs written in the file, with their lines.
    private var knobs: [String: (value: Int, line: Int)] = [:]
    private var interval = KernelIntegrityPolicy.defaultInterval
    private var sweepInterval = VigilConfiguration.defaultSweepInterval
    private var umhAllow: [String] = []
    private var moduleAllow: [String] = []
    private var heartbeat = false
    private var logLevel = LogLevel.info
    private var jsonEvents = false

    init(document: TOMLDocument) {
        self.document = document
    }

    mutating func read() throws(ConfigurationError) -> VigilConfiguration {
        // Every top-level key comes before the first table header.
        for entry in document.entries where entry.table == nil {
            try read(entry)
        }
        if let table = document.tables.first {
            throw ConfigurationError(
                path: document.path, line: table.line, key: table.name,
                message: "[\(table.name)] is not a section of this file; every key sits at the top level under its LKRG name (umh_enforce, block_modules, …)"
            )
        }
        return try assemble()
    }

    // MARK: Keys

    private mutating func read(_ entry: TOMLDocument.Entry) throws(ConfigurationError) {
        switch entry.key {
        case "profile_validate":
            let value = try integer(entry)
            if value == ValidationProfile.custom { return }
            guard let profile = ValidationProfile(rawValue: value) else {
                throw notAllowed(entry, use: "0, 1, 2, 3, 4 or 9", withMeaning: true)
            }
            validationProfile = (profile, entry.line)
        case "profile_enforce":
            let value = try integer(entry)
            if value == EnforcementProfile.custom { return }
            guard let profile = EnforcementProfile(rawValue: value) else {
                throw notAllowed(entry, use: "0, 1, 2, 3 or 9", withMeaning: true)
            }
            enforcementProfile = (profile, entry.line)
        case "pint_validate", "pint_enforce", "kint_validate", "kint_enforce", "umh_validate", "umh_enforce":
            let value = try integer(entry)
            try checked(entry) { () throws(PolicyError) in try Self.checkKnob(entry.key, value) }
            knobs[entry.key] = (value, entry.line)
        case "msr_validate", "smep_validate", "smap_validate", "block_modules":
            let value = try onOff(entry)
            try checked(entry) { () throws(PolicyError) in try Self.checkKnob(entry.key, value) }
            knobs[entry.key] = (value, entry.line)
        case "smep_enforce", "smap_enforce":
            let value = try integer(entry)
            if value == 1 {
                throw message(entry, "\(entry.key) = 1 is not possible: LKRG's 1 restores the CR4 bit from inside the kernel, and Vigil loads no kernel module; use 0 (log and accept) or 2 (panic), or leave \(entry.key) out to follow kint_enforce")
            }
            guard let raw = UInt32(exactly: value), ControlBitEnforcement(rawValue: raw) != nil else {
                throw notAllowed(entry, use: "0 or 2", withMeaning: true)
            }
            knobs[entry.key] = (value, entry.line)
        case "interval":
            let seconds = try seconds(entry)
            try checked(entry) { () throws(PolicyError) in
                _ = try KernelIntegrityPolicy(kintValidate: Self.defaultKnob("kint_validate"), kintEnforce: Self.defaultKnob("kint_enforce"), interval: seconds)
            }
            interval = seconds
        case "sweep_interval":
            let seconds = try seconds(entry)
            let range = VigilConfiguration.sweepIntervalRange
            guard range.contains(seconds) else {
                throw notAllowed(entry, use: "\(Self.format(range.lowerBound)) to \(Self.format(range.upperBound)) seconds", withMeaning: false)
            }
            sweepInterval = seconds
        case "umh_allow":
            umhAllow = []
            for element in try strings(entry, example: "[\"/usr/local/sbin/helper\"]") {
                try checked(entry, element: element) { () throws(PolicyError) in try UsermodeHelperAllowlist.validate(element.string ?? "") }
                umhAllow.append(element.string ?? "")
            }
        case "module_allow":
            moduleAllow = []
            for element in try strings(entry, example: "[\"ext4\", \"nf_tables\"]") {
                try checked(entry, element: element) { () throws(PolicyError) in _ = try ModuleLoadPolicy.canonicalName(element.string ?? "") }
                moduleAllow.append(element.string ?? "")
            }
        case "heartbeat":
            let value = try onOff(entry)
            guard value == 0 || value == 1 else { throw notAllowed(entry, use: "0 or 1", withMeaning: true) }
            heartbeat = value == 1
        case "log_level":
            logLevel = try level(entry)
        case "json_events":
            guard let value = entry.value.boolean else {
                throw message(entry, "json_events must be true or false, not \(entry.value.kindDescription)")
            }
            jsonEvents = value
        default:
            throw unknown(entry)
        }
    }

    // MARK: Assembly

    private func assemble() throws(ConfigurationError) -> VigilConfiguration {
        var values = VigilConfiguration.default.knobValues
        values["block_modules"] = VigilConfiguration.default.modules.blockModules ? 1 : 0
        var lines: [String: Int] = [:]
        if let chosen = validationProfile {
            for (key, value) in chosen.profile.knobs {
                values[key] = value
                lines[key] = chosen.line
            }
        }
        if let chosen = enforcementProfile {
            for (key, value) in chosen.profile.knobs {
                values[key] = value
                lines[key] = chosen.line
            }
        }
        for (key, knob) in knobs {
            values[key] = knob.value
            lines[key] = knob.line
        }
        func knob(_ key: String) -> Int { values[key] ?? 0 }
        func building<T>(_ build: () throws(PolicyError) -> T) throws(ConfigurationError) -> T {
            do {
                return try build()
            } catch {
                let line = lines[error.key] ?? document.entry(error.key)?.line
                let meaning = ConfigurationKey.named(error.key).map { " (\($0.meaning))" } ?? ""
                throw ConfigurationError(path: document.path, line: line, key: error.key, message: "\(error.key) = \(error.value) is not allowed; use \(error.allowed)\(meaning)")
            }
        }
        return VigilConfiguration(
            processIntegrity: try building { () throws(PolicyError) in
                try ProcessIntegrityPolicy(pintValidate: knob("pint_validate"), pintEnforce: knob("pint_enforce"))
            },
            sweepInterval: sweepInterval,
            kernelIntegrity: try building { () throws(PolicyError) in
                try KernelIntegrityPolicy(
                    kintValidate: knob("kint_validate"), kintEnforce: knob("kint_enforce"), interval: interval,
                    msrValidate: knob("msr_validate"), smepValidate: knob("smep_validate"), smapValidate: knob("smap_validate")
                )
            },
            smepEnforce: values["smep_enforce"].flatMap { ControlBitEnforcement(rawValue: UInt32(clamping: $0)) },
            smapEnforce: values["smap_enforce"].flatMap { ControlBitEnforcement(rawValue: UInt32(clamping: $0)) },
            usermodeHelpers: try building { () throws(PolicyError) in
                try UsermodeHelperPolicy(umhValidate: knob("umh_validate"), umhEnforce: knob("umh_enforce"), extraPaths: umhAllow)
            },
            modules: try building { () throws(PolicyError) in
                try ModuleLoadPolicy(blockModules: knob("block_modules"), allowedNames: moduleAllow)
            },
            heartbeat: heartbeat,
            logLevel: logLevel,
            jsonEvents: jsonEvents
        )
    }

    /// Runs one knob through the policy that takes it, the others at their defaults, so
    /// that the values a knob allows are stated only there.
    private static func checkKnob(_ key: String, _ value: Int) throws(PolicyError) {
        func knob(_ name: String) -> Int { name == key ? value : defaultKnob(name) }
        switch key {
        case "pint_validate", "pint_enforce":
            _ = try ProcessIntegrityPolicy(pintValidate: knob("pint_validate"), pintEnforce: knob("pint_enforce"))
        case "kint_validate", "kint_enforce", "msr_validate", "smep_validate", "smap_validate":
            _ = try KernelIntegrityPolicy(
                kintValidate: knob("kint_validate"), kintEnforce: knob("kint_enforce"), interval: KernelIntegrityPolicy.defaultInterval,
                msrValidate: knob("msr_validate"), smepValidate: knob("smep_validate"), smapValidate: knob("smap_validate")
            )
        case "umh_validate", "umh_enforce":
            _ = try UsermodeHelperPolicy(umhValidate: knob("umh_validate"), umhEnforce: knob("umh_enforce"))
        case "block_modules":
            _ = try ModuleLoadPolicy(blockModules: value, allowedNames: [])
        default:
            break
        }
    }

    private static func defaultKnob(_ key: String) -> Int {
        VigilConfiguration.default.knobValues[key] ?? 0
    }
}
