import Foundation

/// Durations as people read them in progress lines.
enum DurationText {
    /// `7.5 s` for 7 512 ms.
    static func seconds(_ milliseconds: Int) -> String {
        String(format: "%.1f s", Double(milliseconds) / 1000)
    }
}
