/// The kernels a scenario runs on, from its `kernels:` header.
public enum KernelSelection: Equatable, Sendable, Codable {
    /// Every kernel series in the lab's kernel matrix.
    case all
    /// Only these series (`6.1`, `6.12`), in the order written.
    case series([String])

    /// Whether the scenario runs on the kernel of this series.
    public func includes(series candidate: String) -> Bool {
        switch self {
        case .all: true
        case .series(let list): list.contains(candidate)
        }
    }
}
