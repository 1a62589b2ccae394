import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Log lines for systemd's journal: standard error with the `<N>` syslog priority
/// prefix journald reads (sd-daemon(3)), so `journalctl -p warning -u vigil` filters
/// as admins expect. Used when systemd connected standard error to the journal
/// (JOURNAL_STREAM is set); a terminal gets swift-log's usual lines.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) {
        self.label = label
    }

    /// The journal handler under systemd, the stream handler otherwise.
    public static func bootstrap(label: String) -> any LogHandler {
        getenv("JOURNAL_STREAM") != nil ? JournalLogHandler(label: label) : StreamLogHandler.standardError(label: label)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let text = Self.line(level: event.level, label: label, message: "\(event.message)", metadata: metadata.merging(event.metadata ?? [:]) { $1 })
        writeToStandardError(text)
    }

    /// `<3>vigil: message key=value ...` (one line: newlines in values become spaces).
    static func line(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        let pairs = metadata.keys.sorted().map { "\($0)=\(metadata[$0].map { "\($0)" } ?? "")" }
        let body = ([message] + pairs).joined(separator: " ").map { $0 == "\n" ? " " : $0 }
        return "<\(priority(level))>\(label): \(String(body))\n"
    }

    /// syslog(3) priorities.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
