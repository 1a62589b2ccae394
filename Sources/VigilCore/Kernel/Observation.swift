/// What a reader found when it looked at one kernel facility: the value, or
/// why there is none. Kept separate from the verdict (`FacilityAssessment`)
/// so that facts can be captured, compared and re-assessed.
public struct Observation<Value: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Read and understood.
        case present
        /// The file or directory does not exist.
        case missing
        /// It exists but could not be read (permissions, lockdown, I/O error).
        case unreadable
        /// It was read but its contents did not parse.
        case malformed
    }

    public var status: Status
    /// The path that was read, as seen from the system root.
    public var source: String
    public var value: Value?
    /// For anything but `present`: what went wrong, in words.
    public var problem: String?

    public static func present(_ value: Value, from source: String) -> Self {
        Self(status: .present, source: source, value: value, problem: nil)
    }

    public static func missing(_ source: String, _ problem: String? = nil) -> Self {
        Self(status: .missing, source: source, value: nil, problem: problem ?? "\(source) does not exist")
    }

    public static func unreadable(_ source: String, _ problem: String) -> Self {
        Self(status: .unreadable, source: source, value: nil, problem: problem)
    }

    public static func malformed(_ source: String, _ problem: String) -> Self {
        Self(status: .malformed, source: source, value: nil, problem: problem)
    }
}
