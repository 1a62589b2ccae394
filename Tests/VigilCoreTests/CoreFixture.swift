#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads text fixtures under `Tests/Fixtures` for the platform-free parsers.
enum CoreFixture {
    static let directory: String = {
        let file = #filePath
        let tests = file.split(separator: "/", omittingEmptySubsequences: false).dropLast(2).joined(separator: "/")
        return tests + "/Fixtures"
    }()

    /// The fixture at `relativePath` (below `Tests/Fixtures`) as UTF-8 text.
    static func text(_ relativePath: String) throws -> String {
        let data = try Data(contentsOf: URL(filePath: directory + "/" + relativePath))
        return String(decoding: data, as: UTF8.self)
    }
}
