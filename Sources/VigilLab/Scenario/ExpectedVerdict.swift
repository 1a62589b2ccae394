/// The outcome a scenario declares in its `expect:` header.
public enum ExpectedVerdict: String, CaseIterable, Sendable, Codable {
    case pass
    case detected
    case blocked
    case silent
    /// Vigil's panic response crashed the guest kernel through sysrq (`pint_enforce=2`,
    /// `kint_enforce=2`). The guest never reports a verdict: ``RunJudge`` reads the console.
    case panic

    /// The verdict the run must end with to pass: the guest's word, or `panicked` (recorded by
    /// the harness from the console) for ``panic``.
    public var verdict: Verdict {
        switch self {
        case .panic: .panicked
        default: Verdict(rawValue)
        }
    }
}
