/// How much `vigil run` logs on standard error (`log_level`). Detections are printed on
/// standard output whatever the level.
///
/// The names are swift-log's, so `Logger.Level(rawValue: level.rawValue)` converts.
public enum LogLevel: String, Sendable, Codable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    /// LKRG's numeric `log_level`, by the messages each level lets through: 0 alerts only;
    /// 1–3 add lifecycle messages, faults and issues (the next level up that shows all of them
    /// is notice, which also shows what LKRG's 1 and 2 would hide); 4 adds the WATCH details;
    /// 5 debugging; 6 everything.
    public init?(lkrgLevel: Int) {
        switch lkrgLevel {
        case 0: self = .critical
        case 1, 2, 3: self = .notice
        case 4: self = .info
        case 5: self = .debug
        case 6: self = .trace
        default: return nil
        }
    }
}
