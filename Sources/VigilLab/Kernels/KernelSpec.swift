/// One row of the lab's kernel matrix (`Lab/kernels.conf`): a series and how to find its Debian package.
public struct KernelSpec: Equatable, Sendable {
    /// `MAJOR.MINOR`, the name scenarios and `--kernel` use (`6.1`).
    public var series: String
    /// The image package to use when the archive has it (`linux-image-6.1.0-56-amd64`).
    public var preferredPackage: String
    /// An `apt-cache search --names-only` regular expression for the series' other image packages;
    /// the newest match is used when the preferred package is gone.
    public var fallbackPattern: String

    public init(series: String, preferredPackage: String, fallbackPattern: String) {
        self.series = series
        self.preferredPackage = preferredPackage
        self.fallbackPattern = fallbackPattern
    }
}
