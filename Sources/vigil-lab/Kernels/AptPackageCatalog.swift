import VigilLab

/// The package archive as `apt-cache` sees it.
struct AptPackageCatalog: PackageCatalog {
    func hasPackage(named name: String) async throws -> Bool {
        let result = try await Subprocess("apt-cache", ["show", "--no-all-versions", name]).run()
        return result.status == 0 && result.standardOutput.contains("Package: \(name)")
    }

    func packageNames(matching pattern: String) async throws -> [String] {
        let result = try await Subprocess("apt-cache", ["search", "--names-only", pattern]).check()
        return result.standardOutput.split(separator: "\n").compactMap { line in
            line.split(separator: " ", maxSplits: 1).first.map(String.init)
        }
    }
}
