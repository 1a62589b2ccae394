/// The outcome a scenario declares in its `expect:` header.
public enum ExpectedVerdict: String, CaseIterable, Sendable, Codable {
    case pass
    case detected
    case blocked
    case silent

    /// The verdict word the guest must report for the run to pass.
    public var verdict: Verdict { Verdict(rawValue) }
}
