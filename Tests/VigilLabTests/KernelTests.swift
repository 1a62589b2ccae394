import Testing
@testable import VigilLab

@Suite("Kernel matrix and package resolution")
struct KernelTests {
    @Test func parsesTheMatrix() throws {
        let specs = try KernelMatrixParser().parse("""
            # series preferred fallback
            6.1   linux-image-6.1.0-56-amd64   ^linux-image-6\\.1\\.0-[0-9]+-amd64$

            6.12\tlinux-image-6.12.117+deb12-amd64-unsigned ^x$   # trailing comment
            """, file: "k.conf")
        #expect(specs == [
            KernelSpec(series: "6.1", preferredPackage: "linux-image-6.1.0-56-amd64", fallbackPattern: "^linux-image-6\\.1\\.0-[0-9]+-amd64$"),
            KernelSpec(series: "6.12", preferredPackage: "linux-image-6.12.117+deb12-amd64-unsigned", fallbackPattern: "^x$"),
        ])
    }

    @Test(arguments: [
        ("6.1 linux-image-6.1.0-56-amd64\n", 1, "expected 3 columns"),
        ("six linux-image-6.1.0-56-amd64 ^x$\n", 1, "'six' is not a series"),
        ("6.1 linux-headers-6.1.0-56-amd64 ^x$\n", 1, "not a linux-image-RELEASE package"),
        ("6.1 linux-image-6.1.0-56-amd64 ^x$\n6.1 linux-image-6.1.0-57-amd64 ^x$\n", 2, "listed twice"),
        ("# nothing\n", nil, "no kernel series"),
    ] as [(String, Int?, String)])
    func rejectsBrokenMatrices(text: String, line: Int?, message: String) {
        do {
            _ = try KernelMatrixParser().parse(text, file: "k.conf")
            Issue.record("parsed a broken matrix")
        } catch {
            #expect(error.line == line)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func releaseOfPackage() {
        #expect(KernelPackageName.release(ofImagePackage: "linux-image-6.1.0-56-amd64") == "6.1.0-56-amd64")
        #expect(KernelPackageName.release(ofImagePackage: "linux-image-6.12.117+deb12-amd64-unsigned") == "6.12.117+deb12-amd64")
        #expect(KernelPackageName.release(ofImagePackage: "linux-image-amd64") == nil)
        #expect(KernelPackageName.release(ofImagePackage: "linux-headers-6.1.0-56-amd64") == nil)
        #expect(KernelPackageName.headersPackage(forRelease: "6.1.0-56-amd64") == "linux-headers-6.1.0-56-amd64")
    }

    @Test func versionOrderComparesNumbersAsNumbers() {
        #expect(VersionOrder.isOlder("linux-image-6.1.0-9-amd64", than: "linux-image-6.1.0-56-amd64"))
        #expect(!VersionOrder.isOlder("linux-image-6.1.0-56-amd64", than: "linux-image-6.1.0-9-amd64"))
        #expect(VersionOrder.newest([
            "linux-image-6.12.9+deb12-amd64-unsigned",
            "linux-image-6.12.117+deb12-amd64-unsigned",
            "linux-image-6.12.48+deb12-amd64-unsigned",
        ]) == "linux-image-6.12.117+deb12-amd64-unsigned")
        #expect(VersionOrder.newest([]) == nil)
        #expect(!VersionOrder.isOlder("a-1", than: "a-1"))
    }

    struct FakeCatalog: PackageCatalog {
        var packages: [String]
        func hasPackage(named name: String) async throws -> Bool { packages.contains(name) }
        func packageNames(matching pattern: String) async throws -> [String] {
            // The fake ignores the regular expression and returns every image package.
            packages.filter { $0.hasPrefix("linux-image-6.1.0-") }
        }
    }

    let spec = KernelSpec(series: "6.1", preferredPackage: "linux-image-6.1.0-56-amd64", fallbackPattern: "^linux-image-6\\.1\\.0-[0-9]+-amd64$")

    @Test func usesThePreferredPackageWhenAvailable() async throws {
        let kernel = try await KernelResolver(catalog: FakeCatalog(packages: ["linux-image-6.1.0-56-amd64", "linux-image-6.1.0-57-amd64"])).resolve(spec)
        #expect(kernel == ResolvedKernel(series: "6.1", package: "linux-image-6.1.0-56-amd64", release: "6.1.0-56-amd64"))
    }

    @Test func fallsBackToTheNewestOfTheSeriesAndSaysSo() async throws {
        let catalog = FakeCatalog(packages: ["linux-image-6.1.0-9-amd64", "linux-image-6.1.0-58-amd64", "linux-image-6.1.0-10-amd64"])
        let kernel = try await KernelResolver(catalog: catalog).resolve(spec)
        #expect(kernel.package == "linux-image-6.1.0-58-amd64")
        #expect(kernel.release == "6.1.0-58-amd64")
        #expect(kernel.fallbackNote?.contains("linux-image-6.1.0-56-amd64 is not in apt-cache") == true)
    }

    @Test func failsWhenTheSeriesIsGone() async {
        await #expect(throws: KernelResolver.Unavailable.self) {
            try await KernelResolver(catalog: FakeCatalog(packages: [])).resolve(spec)
        }
    }
}
