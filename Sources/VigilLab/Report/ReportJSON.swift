#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON form of lab reports: pretty-printed with sorted keys, so that diffs stay small.
public enum ReportJSON {
    public static func encode(_ report: LabReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    public static func decode(_ text: String) throws -> LabReport {
        try JSONDecoder().decode(LabReport.self, from: Data(text.utf8))
    }
}
