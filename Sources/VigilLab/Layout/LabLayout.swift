/// Where the lab keeps its inputs and outputs, relative to the package root.
///
/// ```
/// Lab/kernels.conf                  the kernel matrix
/// Lab/scenarios/<group>/<name>.scenario
/// Lab/guest/init, Lab/guest/lib.sh  the guest side
/// .lab/cache/debs/                  downloaded kernel packages
/// .lab/cache/kernels/<release>/     extracted packages (boot/vmlinuz-<release>, boot/config-<release>, lib/modules/<release>/kernel/…)
/// .lab/cache/initramfs/             the busybox part of the initramfs, by busybox hash
/// .lab/runs/<timestamp>/<release>/<group>/<name>/   one run's logs
/// .lab/report.json, .lab/report.md  the last run's report
/// ```
public struct LabLayout: Equatable, Sendable {
    /// The package root (the folder holding `Package.swift`).
    public var root: String

    public init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    public func path(_ relative: String) -> String { root + "/" + relative }

    public var kernelMatrix: String { path("Lab/kernels.conf") }
    public var scenarios: String { path("Lab/scenarios") }
    public var guestInit: String { path("Lab/guest/init") }
    public var guestLibrary: String { path("Lab/guest/lib.sh") }
    /// Static test programs (`make -C Lab/programs OUT=DIR`), installed in the guest's /usr/local/bin.
    public var testPrograms: String { path("Lab/programs") }
    /// Test modules, one folder each (`make -C Lab/modules/NAME KRELEASE=REL OUT=DIR`), in the guest's /lab/modules.
    public var testModules: String { path("Lab/modules") }
    public var state: String { path(".lab") }
    public var debCache: String { path(".lab/cache/debs") }
    public var initramfsCache: String { path(".lab/cache/initramfs") }
    public var reportJSON: String { path(".lab/report.json") }
    public var reportMarkdown: String { path(".lab/report.md") }
    public var docsMatrixMarkdown: String { path("docs/detection-matrix.md") }
    public var docsMatrixJSON: String { path("docs/detection-matrix.json") }
    /// Where `swift build -c release … --product vigil` leaves the static binary.
    public var defaultVigilBinary: String { path(".build/release/vigil") }

    /// The extracted image package of a release.
    public func kernelDirectory(release: String) -> String { path(".lab/cache/kernels/\(release)") }
    public func kernelImage(release: String) -> String { kernelDirectory(release: release) + "/boot/vmlinuz-\(release)" }
    public func kernelConfig(release: String) -> String { kernelDirectory(release: release) + "/boot/config-\(release)" }
    /// The package's module tree, where stock modules (`StockModule`) are found.
    public func kernelModuleTree(release: String) -> String {
        kernelDirectory(release: release) + "/lib/modules/\(release)/kernel"
    }
    /// Written after a complete extraction, so a half-extracted package is not mistaken for a cached one.
    public func kernelCompleteMarker(release: String) -> String { kernelDirectory(release: release) + "/.complete" }

    /// The folder of one `vigil-lab run`.
    public func runDirectory(timestamp: String) -> String { path(".lab/runs/\(timestamp)") }

    /// The folder of one (scenario, kernel) run.
    public func runDirectory(timestamp: String, release: String, scenario: Scenario) -> String {
        runDirectory(timestamp: timestamp) + "/\(release)/\(scenario.group)/\(scenario.name)"
    }

    /// `path` relative to the root when it lies below it.
    public func relative(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}
