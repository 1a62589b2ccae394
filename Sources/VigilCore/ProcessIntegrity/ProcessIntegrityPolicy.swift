/// LKRG's process-integrity knobs, kept with their meaning.
public struct ProcessIntegrityPolicy: Sendable, Equatable, Codable {
    /// `pint_validate`: how much is checked.
    public enum Validation: UInt32, Sendable, Codable, CaseIterable {
        /// No validation; shadows are still kept so validation can be turned on later.
        case off = 0
        /// The current task at every validating hook (LKRG's default).
        case current = 1
        /// Also every task on a timer (the sweep).
        case currentAndSweep = 2
        /// Reserved for paranoid checks; behaves as 2 today.
        case paranoid = 3
    }

    /// `pint_enforce`: what happens on a violation.
    public enum Enforcement: UInt32, Sendable, Codable, CaseIterable {
        /// Log, and adopt the new state.
        case log = 0
        /// Refuse the operation where the hook can, and kill the process (LKRG's default is kill).
        case kill = 1
        /// As `kill`, then panic the kernel.
        case panic = 2
    }

    public var validation: Validation
    public var enforcement: Enforcement

    public static let `default` = ProcessIntegrityPolicy(validation: .currentAndSweep, enforcement: .kill)

    public init(validation: Validation, enforcement: Enforcement) {
        self.validation = validation
        self.enforcement = enforcement
    }

    /// Builds a policy from LKRG-style numbers, naming the bad knob on error.
    public init(pintValidate: Int, pintEnforce: Int) throws(PolicyError) {
        guard let raw = UInt32(exactly: pintValidate), let validation = Validation(rawValue: raw) else {
            throw PolicyError(key: "pint_validate", value: "\(pintValidate)", allowed: "0, 1, 2 or 3")
        }
        guard let raw = UInt32(exactly: pintEnforce), let enforcement = Enforcement(rawValue: raw) else {
            throw PolicyError(key: "pint_enforce", value: "\(pintEnforce)", allowed: "0, 1 or 2")
        }
        self.init(validation: validation, enforcement: enforcement)
    }

    public var sweeps: Bool { validation.rawValue >= Validation.currentAndSweep.rawValue }
}

/// A policy value outside what its knob allows.
public struct PolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    public var key: String
    public var value: String
    public var allowed: String

    public init(key: String, value: String, allowed: String) {
        self.key = key
        self.value = value
        self.allowed = allowed
    }

    public var description: String { "\(key) \(value) is not allowed; use \(allowed)" }
}
