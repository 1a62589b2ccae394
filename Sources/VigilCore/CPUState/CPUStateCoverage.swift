/// What the CPU-state check covers on this machine and what not, item by item.
public struct CPUStateCoverage: Sendable, Equatable, Codable {
    public struct Item: Sendable, Equatable, Codable {
        /// `MSRs`, `CR4`, `CR0.WP`.
        public var item: String
        public var covered: Bool
        /// How it is covered, or why not.
        public var detail: String

        public init(item: String, covered: Bool, detail: String) {
            self.item = item
            self.covered = covered
            self.detail = detail
        }

        /// "MSRs: IA32_LSTAR … on CPUs 0-3", "CR0.WP: not covered: …".
        public var line: String {
            covered ? "\(item): \(detail)" : "\(item): not covered: \(detail)"
        }
    }

    public var items: [Item] = []

    public init(items: [Item] = []) {
        self.items = items
    }

    /// The items not covered, as "what: why" gaps.
    public var gaps: [String] {
        items.filter { !$0.covered }.map { "\($0.item): \($0.detail)" }
    }

    /// CR0.WP is out of reach: there is no copy to read, and no way to read the register from outside ring 0.
    public static let controlRegister0 = Item(
        item: "CR0.WP", covered: false,
        detail: "the kernel keeps no copy of CR0 and reading the register needs ring 0, which neither user space nor BPF has; "
            + "the kernel-text writes that clearing WP allows are caught by the core-text check"
    )
}
