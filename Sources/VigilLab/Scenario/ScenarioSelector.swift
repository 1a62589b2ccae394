/// Picks scenarios by the names given to `vigil-lab run --scenario`.
///
/// A filter matches a scenario's name (`vigil-check`), its group (`smoke`) or both (`smoke/vigil-check`).
public struct ScenarioSelector: Sendable {
    /// The filters as typed; empty selects everything.
    public var filters: [String]

    public init(filters: [String]) {
        self.filters = filters
    }

    /// A filter that matched nothing, with the names that exist.
    public struct UnknownFilter: Error, Equatable, Sendable, CustomStringConvertible {
        public var filter: String
        public var available: [String]

        public var description: String {
            "no scenario or group is called '\(filter)'; available: \(available.joined(separator: ", "))"
        }
    }

    /// The scenarios any filter matches, ordered by group and name, without duplicates.
    public func select(from scenarios: [Scenario]) throws(UnknownFilter) -> [Scenario] {
        let ordered = scenarios.sorted { $0.qualifiedName < $1.qualifiedName }
        guard !filters.isEmpty else {
            return ordered
        }
        for filter in filters where !ordered.contains(where: { Self.matches(filter, $0) }) {
            let groups = Set(ordered.map(\.group)).sorted()
            throw UnknownFilter(filter: filter, available: groups + ordered.map(\.qualifiedName))
        }
        return ordered.filter { scenario in filters.contains { Self.matches($0, scenario) } }
    }

    static func matches(_ filter: String, _ scenario: Scenario) -> Bool {
        filter == scenario.name || filter == scenario.group || filter == scenario.qualifiedName
    }
}
