/// What one guest reported on its result channel, gathered from the ``ResultRecord``s.
public struct GuestTranscript: Equatable, Sendable {
    /// How one section ended.
    public struct SectionOutcome: Equatable, Sendable {
        public var section: ScenarioSection
        /// The section's exit status (`nil` when the record lacked it).
        public var status: Int?
        /// How long the section ran, in milliseconds of guest uptime.
        public var milliseconds: Int?
        /// The guest stopped the section at its deadline.
        public var timedOut: Bool
    }

    /// The verdict record.
    public struct VerdictOutcome: Equatable, Sendable {
        public var verdict: Verdict
        /// Milliseconds from the start of the action to the end of the verdict script.
        public var milliseconds: Int?
        /// The verdict script's `key=value` tokens other than the reserved keys.
        public var evidence: [KeyValueTokens.Token]
    }

    /// Keys of the verdict record that the guest init writes itself; evidence cannot use them.
    public static let reservedVerdictKeys: Set<String> = ["verdict", "ms", "status"]

    /// `LAB begin` arrived: the guest reached `/init`.
    public var began = false
    /// The scenario name the guest announced.
    public var scenarioName: String?
    /// The guest's `uname -r`.
    public var kernelRelease: String?
    /// Guest uptime when `/init` started, in milliseconds: the boot time.
    public var bootMilliseconds: Int?
    /// The sections that reported, in order.
    public var sections: [SectionOutcome] = []
    /// The verdict, if one arrived.
    public var verdict: VerdictOutcome?
    /// The scenario's output lines.
    public var logLines: [String] = []
    /// The guest kernel's log lines.
    public var dmesgLines: [String] = []
    /// `LAB end` arrived: the guest finished its run normally.
    public var ended = false
    /// Guest uptime at `LAB end`, in milliseconds.
    public var endMilliseconds: Int?
    /// Protocol problems worth showing to whoever reads the run (not failures by themselves).
    public var problems: [String] = []

    public init() {}

    /// Reads the whole result channel; a truncated last line becomes a problem, not an error.
    public init(resultLog text: String) {
        self.init()
        for (index, line) in text.linesKeepingEmpty.enumerated() {
            if line.isEmpty {
                continue
            }
            add(ResultRecord(line: line), lineNumber: index + 1)
        }
    }

    /// Guest milliseconds from `/init` to `LAB end`: the part of a run's host time that is not boot.
    public var initToEndMilliseconds: Int? {
        guard let start = bootMilliseconds, let end = endMilliseconds, end >= start else {
            return nil
        }
        return end - start
    }

    /// The outcome of one section, if it reported.
    public func outcome(of section: ScenarioSection) -> SectionOutcome? {
        sections.first { $0.section == section }
    }

    /// Adds one record.
    public mutating func add(_ record: ResultRecord, lineNumber: Int) {
        if ended {
            problems.append("line \(lineNumber): record after LAB end")
        }
        switch record {
        case .begin(let tokens):
            began = true
            scenarioName = tokens["scenario"]
            kernelRelease = tokens["kernel"]
            bootMilliseconds = tokens.integer("uptime_ms")
            noteMalformed(tokens, lineNumber)
        case .section(let section, let tokens):
            sections.append(SectionOutcome(
                section: section,
                status: tokens.integer("status"),
                milliseconds: tokens.integer("ms"),
                timedOut: tokens["timed_out"] == "1"
            ))
            noteMalformed(tokens, lineNumber)
        case .verdict(let tokens):
            if verdict != nil {
                problems.append("line \(lineNumber): a second verdict record; the first one counts")
                return
            }
            let word = tokens["verdict"].flatMap { $0.isEmpty ? nil : $0 }
            if word == nil {
                problems.append("line \(lineNumber): verdict record without verdict=")
            }
            verdict = VerdictOutcome(
                verdict: word.map { Verdict($0) } ?? .inconclusive,
                milliseconds: tokens.integer("ms"),
                evidence: tokens.tokens.filter { !Self.reservedVerdictKeys.contains($0.key) }
            )
            noteMalformed(tokens, lineNumber)
        case .end(let tokens):
            ended = true
            endMilliseconds = tokens.integer("uptime_ms")
        case .log(let text):
            logLines.append(text)
        case .dmesg(let text):
            dmesgLines.append(text)
        case .unrecognized(let text):
            problems.append("line \(lineNumber): unrecognized record '\(text.prefix(120))'")
        }
    }

    mutating func noteMalformed(_ tokens: KeyValueTokens, _ lineNumber: Int) {
        for word in tokens.malformed {
            problems.append("line \(lineNumber): token '\(word)' is not key=value")
        }
    }
}
