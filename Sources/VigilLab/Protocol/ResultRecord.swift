/// One line of the guest's result channel (`/dev/ttyS1`, saved by QEMU as `results.log`).
///
/// ```
/// LAB begin scenario=NAME kernel=RELEASE
/// LAB setup status=0 ms=12
/// LAB action status=0 ms=340
/// LOG <free text>
/// LAB verdict verdict=pass ms=355 [evidence key=value ...]
/// DMESG <a line of dmesg>
/// LAB end
/// ```
public enum ResultRecord: Equatable, Sendable {
    /// The guest reached `/init` and is about to run the scenario.
    case begin(KeyValueTokens)
    /// A section finished (`setup` or `action`) with its exit status and duration.
    case section(ScenarioSection, KeyValueTokens)
    /// The verdict and its evidence.
    case verdict(KeyValueTokens)
    /// The guest is done; nothing follows.
    case end(KeyValueTokens)
    /// A line of the scenario's output.
    case log(String)
    /// A line of the guest kernel's log, sent after the verdict.
    case dmesg(String)
    /// Anything else (a truncated line, a typo in the guest init).
    case unrecognized(String)

    /// Parses one line, without its line terminator.
    public init(line: String) {
        if let text = line.dropPrefix("LOG ") ?? (line == "LOG" ? "" : nil) {
            self = .log(text)
        } else if let text = line.dropPrefix("DMESG ") ?? (line == "DMESG" ? "" : nil) {
            self = .dmesg(text)
        } else if let rest = line.dropPrefix("LAB ") {
            let kind = rest.prefix { $0 != " " }
            let tokens = KeyValueTokens(parsing: Substring(rest.dropFirst(kind.count)))
            switch kind {
            case "begin": self = .begin(tokens)
            case "setup": self = .section(.setup, tokens)
            case "action": self = .section(.action, tokens)
            case "verdict": self = .verdict(tokens)
            case "end": self = .end(tokens)
            default: self = .unrecognized(line)
            }
        } else {
            self = .unrecognized(line)
        }
    }
}

extension String {
    /// The rest of the string after `prefix`, or `nil` when it does not start with it.
    func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
