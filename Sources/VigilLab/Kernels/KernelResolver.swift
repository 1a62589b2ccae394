/// What the resolver needs to know about the package archive (apt-cache on a real machine).
public protocol PackageCatalog: Sendable {
    /// Whether the archive offers a package of exactly this name.
    func hasPackage(named name: String) async throws -> Bool
    /// The names of packages matching an extended regular expression.
    func packageNames(matching pattern: String) async throws -> [String]
}

/// Chooses the image package of each kernel series: the preferred one if the archive has it,
/// else the newest package of the series.
public struct KernelResolver: Sendable {
    public var catalog: any PackageCatalog

    public init(catalog: any PackageCatalog) {
        self.catalog = catalog
    }

    /// No package of the series is available.
    public struct Unavailable: Error, Equatable, Sendable, CustomStringConvertible {
        public var series: String
        public var preferredPackage: String
        public var pattern: String

        public var description: String {
            "kernel series \(series): neither \(preferredPackage) nor any package matching \(pattern) is in apt-cache (run apt-get update?)"
        }
    }

    public func resolve(_ spec: KernelSpec) async throws -> ResolvedKernel {
        if try await catalog.hasPackage(named: spec.preferredPackage),
           let release = KernelPackageName.release(ofImagePackage: spec.preferredPackage) {
            return ResolvedKernel(series: spec.series, package: spec.preferredPackage, release: release)
        }
        let candidates = try await catalog.packageNames(matching: spec.fallbackPattern)
            .filter { KernelPackageName.release(ofImagePackage: $0) != nil }
        guard let newest = VersionOrder.newest(candidates),
              let release = KernelPackageName.release(ofImagePackage: newest) else {
            throw Unavailable(series: spec.series, preferredPackage: spec.preferredPackage, pattern: spec.fallbackPattern)
        }
        return ResolvedKernel(
            series: spec.series,
            package: newest,
            release: release,
            fallbackNote: "\(spec.preferredPackage) is not in apt-cache; using the newest of series \(spec.series), \(newest)"
        )
    }
}
