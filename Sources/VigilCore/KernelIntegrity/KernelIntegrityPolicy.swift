/// LKRG's kernel-integrity knobs, kept with their meaning.
public struct KernelIntegrityPolicy: Sendable, Equatable, Codable {
    /// `kint_validate`: when the kernel is validated.
    public enum Validation: UInt32, Sendable, Codable, CaseIterable {
        /// Never (the baseline is not even taken).
        case off = 0
        /// Only on demand (SIGUSR1 to `vigil run`).
        case onDemand = 1
        /// On demand and on the timer.
        case periodic = 2
        /// Also at once on module load and unload, hook changes and variable writes (the default).
        case periodicAndEvents = 3
    }

    /// `kint_enforce`: what happens when tampering is found.
    public enum Enforcement: UInt32, Sendable, Codable, CaseIterable {
        /// Log, and adopt the change into the baseline.
        case logAndAccept = 0
        /// Log, and keep the baseline, so the change stays visible (the default).
        case log = 1
        /// Log, then panic the kernel.
        case panic = 2
    }

    public var validation: Validation
    public var enforcement: Enforcement
    /// Seconds between timer validations.
    public var interval: Double
    /// `msr_validate`: compare every CPU's system call entry MSRs with the kernel's entry points and the baseline.
    public var msrValidate: Bool
    /// `smep_validate`: check that SMEP and UMIP stay set in every CPU's CR4 (the kernel's shadow).
    public var smepValidate: Bool
    /// `smap_validate`: check that SMAP stays set in every CPU's CR4 (the kernel's shadow).
    public var smapValidate: Bool

    public static let defaultInterval: Double = 5
    public static let `default` = KernelIntegrityPolicy(validation: .periodicAndEvents, enforcement: .log, interval: defaultInterval)

    public init(
        validation: Validation, enforcement: Enforcement, interval: Double,
        msrValidate: Bool = true, smepValidate: Bool = true, smapValidate: Bool = true
    ) {
        self.validation = validation
        self.enforcement = enforcement
        self.interval = interval
        self.msrValidate = msrValidate
        self.smepValidate = smepValidate
        self.smapValidate = smapValidate
    }

    /// Builds a policy from LKRG-style numbers, naming the bad knob on error.
    public init(
        kintValidate: Int, kintEnforce: Int, interval: Double, msrValidate: Int = 1, smepValidate: Int = 1, smapValidate: Int = 1
    ) throws(PolicyError) {
        guard let raw = UInt32(exactly: kintValidate), let validation = Validation(rawValue: raw) else {
            throw PolicyError(key: "kint_validate", value: "\(kintValidate)", allowed: "0, 1, 2 or 3")
        }
        guard let raw = UInt32(exactly: kintEnforce), let enforcement = Enforcement(rawValue: raw) else {
            throw PolicyError(key: "kint_enforce", value: "\(kintEnforce)", allowed: "0, 1 or 2")
        }
        guard interval >= 0.5, interval <= 3600 else {
            throw PolicyError(key: "interval", value: "\(interval)", allowed: "0.5 to 3600 seconds")
        }
        func onOff(_ key: String, _ value: Int) throws(PolicyError) -> Bool {
            guard value == 0 || value == 1 else { throw PolicyError(key: key, value: "\(value)", allowed: "0 or 1") }
            return value == 1
        }
        self.init(
            validation: validation, enforcement: enforcement, interval: interval,
            msrValidate: try onOff("msr_validate", msrValidate),
            smepValidate: try onOff("smep_validate", smepValidate),
            smapValidate: try onOff("smap_validate", smapValidate)
        )
    }

    public var enabled: Bool { validation != .off }
    public var onTimer: Bool { validation.rawValue >= Validation.periodic.rawValue }
    public var onEvents: Bool { validation == .periodicAndEvents }
}
