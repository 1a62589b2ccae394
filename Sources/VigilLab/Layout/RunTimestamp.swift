#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Names for run folders and report dates.
public enum RunTimestamp {
    /// `20251127T063000Z`: sorts by time and is safe in paths and QEMU options.
    public static func folderName(for date: Date) -> String {
        iso8601(date).filter { $0 != "-" && $0 != ":" }
    }

    /// `2025-11-27T06:30:00Z`.
    public static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}
