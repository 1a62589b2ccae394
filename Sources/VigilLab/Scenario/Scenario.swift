/// One lab scenario: a few lines of busybox sh run inside a guest, and the verdict expected of them.
///
/// Scenarios live in `Lab/scenarios/<group>/<name>.scenario`; ``ScenarioParser`` reads them.
public struct Scenario: Equatable, Sendable {
    /// The scenario's name, unique within its group (`vigil-check`).
    public var name: String
    /// The folder the scenario file lives in (`smoke`).
    public var group: String
    /// One sentence saying what the scenario shows.
    public var summary: String
    /// The kernel series the scenario runs on.
    public var kernels: KernelSelection
    /// The verdict that makes the run pass.
    public var expect: ExpectedVerdict
    /// Seconds the whole guest run may take, boot included, before the harness kills it.
    public var timeoutSeconds: Int
    /// Extra kernel command-line arguments (`nokaslr`, `lkrg.trigger=1`), empty by default.
    public var kernelArguments: [String]
    /// The sh text of each section present; `setup` may be absent.
    public var sections: [ScenarioSection: String]

    /// The timeout used when a scenario file names none.
    public static let defaultTimeoutSeconds = 180

    public init(
        name: String,
        group: String,
        summary: String = "",
        kernels: KernelSelection = .all,
        expect: ExpectedVerdict,
        timeoutSeconds: Int = Scenario.defaultTimeoutSeconds,
        kernelArguments: [String] = [],
        sections: [ScenarioSection: String]
    ) {
        self.name = name
        self.group = group
        self.summary = summary
        self.kernels = kernels
        self.expect = expect
        self.timeoutSeconds = timeoutSeconds
        self.kernelArguments = kernelArguments
        self.sections = sections
    }

    /// `group/name`, the identifier used in reports and run folders.
    public var qualifiedName: String { "\(group)/\(name)" }
}
