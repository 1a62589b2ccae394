import ArgumentParser
import VigilLab

/// `--kernel SERIES`, repeatable: which rows of `Lab/kernels.conf` to use.
struct KernelFilterOptions: ParsableArguments {
    @Option(
        name: .customLong("kernel"),
        help: ArgumentHelp("A kernel series from Lab/kernels.conf (6.1, 6.12). Repeat for more. Default: all.", valueName: "series")
    )
    var series: [String] = []

    /// The matrix rows selected, in matrix order.
    func select(from specs: [KernelSpec]) throws -> [KernelSpec] {
        let known = specs.map(\.series)
        for wanted in series where !known.contains(wanted) {
            throw LabError("no kernel series '\(wanted)' in Lab/kernels.conf; series there: \(known.joined(separator: ", "))")
        }
        return series.isEmpty ? specs : specs.filter { series.contains($0.series) }
    }
}
