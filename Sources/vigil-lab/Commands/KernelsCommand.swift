import ArgumentParser
import VigilLab

/// `vigil-lab kernels`: resolve, download and unpack the lab kernels and install their headers.
struct KernelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "Fetch the lab kernels into .lab/cache and install their headers.",
        discussion: """
        Each series of Lab/kernels.conf resolves to its preferred image package, or to the newest \
        package of the series when apt-cache no longer has it. Packages are fetched with \
        `apt-get download` and unpacked with `dpkg-deb -x`; linux-headers-<release> is installed \
        when /lib/modules/<release>/build is missing (test modules build against it).
        """
    )

    @OptionGroup var rootOptions: PackageRootOptions
    @OptionGroup var kernelOptions: KernelFilterOptions

    @Flag(name: .customLong("no-headers"), help: "Do not install linux-headers packages.")
    var skipHeaders = false

    func run() async throws {
        LineBufferedOutput.enable()
        let layout = try rootOptions.layout()
        let specs = try kernelOptions.select(from: try KernelMatrixFile.load(layout))
        let fetcher = KernelFetcher(layout: layout)
        var rows: [String] = []
        for spec in specs {
            let kernel = try await fetcher.fetch(spec)
            let headers = skipHeaders ? "(not checked)" : try await fetcher.ensureHeaders(kernel)
            rows.append("""
                \(kernel.series): \(kernel.package)
                  release  \(kernel.release)
                  kernel   \(layout.relative(layout.kernelImage(release: kernel.release)))
                  config   \(layout.relative(layout.kernelConfig(release: kernel.release)))
                  headers  \(headers)
                """)
        }
        print("\nkernels in use:\n" + rows.joined(separator: "\n"))
    }
}
