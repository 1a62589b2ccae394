/// LKRG's usermode-helper knobs, kept with their meaning, and the allowlist.
public struct UsermodeHelperPolicy: Sendable, Equatable, Codable {
    /// `umh_validate`: which helpers may run.
    public enum Validation: UInt32, Sendable, Codable, CaseIterable {
        /// Not checked (nothing is observed either).
        case off = 0
        /// Helpers on the allowlist, or run from modprobe_path/core_pattern as written through /proc/sys (the default).
        case allowlist = 1
        /// No helper at all.
        case blockAll = 2
    }

    /// `umh_enforce`: what happens to a helper that may not run.
    public enum Enforcement: UInt32, Sendable, Codable, CaseIterable {
        /// Report it and let it run.
        case log = 0
        /// Refuse its exec (-EPERM): it never runs (the default).
        case prevent = 1
        /// Refuse it and panic the kernel.
        case panic = 2
    }

    public var validation: Validation
    public var enforcement: Enforcement
    /// Every path a helper may have (umh_validate 1): the built-in list and the administrator's additions.
    public var allowlist: [String]

    public static let `default` = UsermodeHelperPolicy(validation: .allowlist, enforcement: .prevent, allowlist: UsermodeHelperAllowlist.builtIn)

    public init(validation: Validation, enforcement: Enforcement, allowlist: [String]) {
        self.validation = validation
        self.enforcement = enforcement
        self.allowlist = allowlist
    }

    /// Builds a policy from LKRG-style numbers and extra allowed paths, naming the bad knob or path on error.
    public init(umhValidate: Int, umhEnforce: Int, extraPaths: [String] = []) throws(PolicyError) {
        guard let raw = UInt32(exactly: umhValidate), let validation = Validation(rawValue: raw) else {
            throw PolicyError(key: "umh_validate", value: "\(umhValidate)", allowed: "0, 1 or 2")
        }
        guard let raw = UInt32(exactly: umhEnforce), let enforcement = Enforcement(rawValue: raw) else {
            throw PolicyError(key: "umh_enforce", value: "\(umhEnforce)", allowed: "0, 1 or 2")
        }
        for path in extraPaths {
            try UsermodeHelperAllowlist.validate(path)
        }
        var seen = Set<String>()
        let allowlist = (UsermodeHelperAllowlist.builtIn + extraPaths).filter { seen.insert($0).inserted }
        self.init(validation: validation, enforcement: enforcement, allowlist: allowlist)
    }

    public var enabled: Bool { validation != .off }
}
