/// The busybox sh sections of a scenario file, in the order the guest runs them.
public enum ScenarioSection: String, CaseIterable, Sendable, Codable {
    /// Optional preparation; a non-zero exit makes the verdict `setup-failed`.
    case setup
    /// The behaviour under test (an attack, a workload, a command).
    case action
    /// Prints the verdict word and optional `key=value` evidence on its last non-blank line.
    case verdict

    /// The file the section becomes inside the guest, below `/lab/scenario/`.
    public var guestFileName: String { "\(rawValue).sh" }
}
