/// Line helpers for the logs a guest leaves behind.
public enum LogLines {
    /// The lines of `text` without terminators (`\n`, `\r\n` or `\r`); no empty last line for a final newline.
    public static func split(_ text: String) -> [String] {
        var lines = text.linesKeepingEmpty
        if lines.last == "" {
            lines.removeLast()
        }
        return lines
    }

    /// The last `count` lines of `text`.
    public static func tail(_ text: String, count: Int) -> [String] {
        Array(split(text).suffix(max(count, 0)))
    }
}
