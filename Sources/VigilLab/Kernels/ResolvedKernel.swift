/// A kernel series resolved to one image package and release.
public struct ResolvedKernel: Equatable, Sendable, Codable {
    public var series: String
    /// The image package used.
    public var package: String
    /// Its `uname -r`.
    public var release: String
    /// Why the preferred package was not used, when it was not.
    public var fallbackNote: String?

    public init(series: String, package: String, release: String, fallbackNote: String? = nil) {
        self.series = series
        self.package = package
        self.release = release
        self.fallbackNote = fallbackNote
    }
}
