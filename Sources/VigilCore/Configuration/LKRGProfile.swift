/// LKRG's `profile_validate`: one number that sets every validation knob at once.
///
/// The groups are those LKRG's sysctl handler sets (`p_sysctl_profile_validate` in
/// `src/modules/comm_channel/p_comm_channel.c`), less `pcfi_validate`, which Vigil does not
/// have, and with one translation: LKRG's `pint_validate` 1 also checks every task in its
/// periodic global check, which is Vigil's 2, so the profiles that run that check on a timer
/// (balanced, heavy) set Vigil's 2.
public enum ValidationProfile: Int, Sendable, CaseIterable {
    case disabled = 0
    case light = 1
    case balanced = 2
    case heavy = 3
    case paranoid = 4

    /// What LKRG reads when the knobs match no profile; accepted in a file to mean "no profile".
    public static let custom = 9

    /// LKRG's name for it.
    public var name: String {
        switch self {
        case .disabled: "disabled"
        case .light: "light"
        case .balanced: "balanced"
        case .heavy: "heavy"
        case .paranoid: "paranoid"
        }
    }

    /// The knobs it sets, by their keys in vigil.toml, with Vigil's values.
    public var knobs: [String: Int] {
        switch self {
        case .disabled:
            ["kint_validate": 0, "pint_validate": 0, "umh_validate": 0, "msr_validate": 0, "smep_validate": 0, "smap_validate": 0]
        case .light:
            ["kint_validate": 1, "pint_validate": 1, "umh_validate": 1, "msr_validate": 0, "smep_validate": 1, "smap_validate": 1]
        case .balanced:
            ["kint_validate": 2, "pint_validate": 2, "umh_validate": 1, "msr_validate": 0, "smep_validate": 1, "smap_validate": 1]
        case .heavy:
            ["kint_validate": 3, "pint_validate": 2, "umh_validate": 1, "msr_validate": 0, "smep_validate": 1, "smap_validate": 1]
        case .paranoid:
            ["kint_validate": 3, "pint_validate": 3, "umh_validate": 2, "msr_validate": 1, "smep_validate": 1, "smap_validate": 1]
        }
    }
}

/// LKRG's `profile_enforce`: one number that sets every enforcement knob at once.
///
/// The groups are those of LKRG's `p_sysctl_profile_enforce`, less `pcfi_enforce`.
public enum EnforcementProfile: Int, Sendable, CaseIterable {
    case logAndAccept = 0
    case selective = 1
    case strict = 2
    case paranoid = 3

    /// What LKRG reads when the knobs match no profile; accepted in a file to mean "no profile".
    public static let custom = 9

    /// LKRG's name for it.
    public var name: String {
        switch self {
        case .logAndAccept: "log and accept"
        case .selective: "selective"
        case .strict: "strict"
        case .paranoid: "paranoid"
        }
    }

    /// The knobs it sets, by their keys in vigil.toml.
    public var knobs: [String: Int] {
        switch self {
        case .logAndAccept:
            ["kint_enforce": 0, "pint_enforce": 0, "umh_enforce": 0, "smep_enforce": 0, "smap_enforce": 0]
        case .selective:
            ["kint_enforce": 1, "pint_enforce": 1, "umh_enforce": 1, "smep_enforce": 2, "smap_enforce": 2]
        case .strict:
            ["kint_enforce": 2, "pint_enforce": 1, "umh_enforce": 1, "smep_enforce": 2, "smap_enforce": 2]
        case .paranoid:
            ["kint_enforce": 2, "pint_enforce": 2, "umh_enforce": 2, "smep_enforce": 2, "smap_enforce": 2]
        }
    }
}
