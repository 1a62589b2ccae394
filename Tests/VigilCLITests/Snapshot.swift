import Testing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Compares text with a snapshot under `Tests/Fixtures/cli/`. Run the tests with
/// `VIGIL_UPDATE_SNAPSHOTS=1` to rewrite the snapshots after an intended change.
enum Snapshot {
    static let directory: String = {
        let parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(2)
        return parts.joined(separator: "/") + "/Fixtures/cli"
    }()

    static func expect(_ text: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = directory + "/" + name
        if ProcessInfo.processInfo.environment["VIGIL_UPDATE_SNAPSHOTS"] == "1" {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return
        }
        let stored = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(text == String(decoding: stored, as: UTF8.self), "snapshot \(name) differs; rerun with VIGIL_UPDATE_SNAPSHOTS=1 if the change is intended", sourceLocation: sourceLocation)
    }
}
