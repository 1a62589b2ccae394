import Testing
@testable import VigilCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

@Suite("kernel release")
struct KernelReleaseTests {
    @Test(arguments: [
        ("6.1.0-56-amd64\n", 6, 1, 0, "6.1"),
        ("6.12.117+deb12-amd64", 6, 12, 117, "6.12"),
        ("5.8", 5, 8, 0, "5.8"),
    ])
    func parsesDebianReleases(raw: String, major: Int, minor: Int, patch: Int, series: String) throws {
        let release = try KernelRelease(raw)
        #expect(release.major == major)
        #expect(release.minor == minor)
        #expect(release.patch == patch)
        #expect(release.series == series)
        #expect(!release.rawValue.hasSuffix("\n"))
    }

    @Test(arguments: ["", "linux", "6", "6.x.1", "6.1.2.3"])
    func rejectsNonReleases(raw: String) {
        #expect(throws: ParseError.self) { try KernelRelease(raw) }
    }

    @Test func comparesAgainstAMinimum() throws {
        #expect(try KernelRelease("6.1.0-56-amd64").isAtLeast(5, 8))
        #expect(try KernelRelease("5.10.0").isAtLeast(5, 8))
        #expect(!(try KernelRelease("5.4.0").isAtLeast(5, 8)))
    }

    @Test func encodesAsAPlainString() throws {
        let data = try JSONEncoder().encode(try KernelRelease("6.1.0-56-amd64"))
        #expect(String(decoding: data, as: UTF8.self) == "\"6.1.0-56-amd64\"")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(KernelRelease.self, from: Data("\"nope\"".utf8)) }
    }
}
