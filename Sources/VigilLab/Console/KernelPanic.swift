/// A kernel panic on the guest console: the `Kernel panic - not syncing: REASON` line and the
/// report the kernel prints with it (task, hardware, call trace, kernel offset, end marker).
///
/// Vigil's panic responses (`pint_enforce=2`, `kint_enforce=2`) write `c` to
/// `/proc/sysrq-trigger`, which panics with the reason ``sysrqReason``.
public struct KernelPanic: Equatable, Sendable {
    /// The reason the kernel gives for the sysrq crash.
    public static let sysrqReason = "sysrq triggered crash"
    /// What starts a panic line (after the timestamp).
    public static let marker = "Kernel panic - not syncing: "
    /// What starts the panic's last line (not printed when `panic=-1` restarts at once).
    public static let endMarker = "---[ end Kernel panic"
    /// What starts a scenario's trigger mark on the console: `lab: trigger uptime_ms=N [text]`,
    /// written to `/dev/console` just before the attack, gives the panic's `latency_ms`.
    public static let triggerMark = "lab: trigger "

    /// The 1-based console line of `Kernel panic - not syncing: …`.
    public var line: Int
    /// The text after `not syncing: ` (`sysrq triggered crash`, `Fatal exception`).
    public var reason: String
    /// Guest uptime of the panic line, from its `[   12.345678]` stamp.
    public var uptimeMilliseconds: Int?
    /// The task that panicked, from the report's `CPU: … PID: … Comm: …` line.
    public var pid: Int?
    public var comm: String?
    /// Guest uptime of the last trigger mark (``triggerMark``) before the panic line.
    public var triggerUptimeMilliseconds: Int?
    /// The 1-based console lines that belong to the panic's own report, the panic line included;
    /// kernel-trouble patterns on these lines are the panic itself, not other trouble.
    public var reportLines: Set<Int>

    public init(line: Int, reason: String, uptimeMilliseconds: Int? = nil, pid: Int? = nil, comm: String? = nil, reportLines: Set<Int> = []) {
        self.line = line
        self.reason = reason
        self.uptimeMilliseconds = uptimeMilliseconds
        self.pid = pid
        self.comm = comm
        self.reportLines = reportLines.union([line])
    }

    /// The panic is the sysrq crash (`echo c > /proc/sysrq-trigger`).
    public var isSysrqCrash: Bool { reason == Self.sysrqReason }

    /// Milliseconds from the scenario's trigger mark to the panic line.
    public var latencyMilliseconds: Int? {
        guard let start = triggerUptimeMilliseconds, let end = uptimeMilliseconds, end >= start else {
            return nil
        }
        return end - start
    }

    /// Evidence for the report: `trigger` (`sysrq` or `other`), `uptime_ms` (of the panic line),
    /// `latency_ms` (from the trigger mark), `pid` and `comm` (the panicking thread).
    public var evidence: [String: String] {
        var evidence = ["trigger": isSysrqCrash ? "sysrq" : "other"]
        evidence["uptime_ms"] = uptimeMilliseconds.map(String.init)
        evidence["latency_ms"] = latencyMilliseconds.map(String.init)
        evidence["pid"] = pid.map(String.init)
        evidence["comm"] = comm.map(Self.token)
        return evidence
    }

    /// The first panic of a console log, or `nil`.
    public static func first(inConsoleText text: String) -> KernelPanic? {
        first(in: LogLines.split(text))
    }

    /// The first panic among console lines, or `nil`.
    public static func first(in lines: [String]) -> KernelPanic? {
        guard let index = lines.firstIndex(where: { message(of: $0).hasPrefix(marker) }) else {
            return nil
        }
        let reason = String(message(of: lines[index]).dropFirst(marker.count)).trimmingBlanksAndNewlines()
        var panic = KernelPanic(line: index + 1, reason: reason, uptimeMilliseconds: uptimeMilliseconds(of: lines[index]))
        panic.triggerUptimeMilliseconds = lines[..<index].reversed().lazy.compactMap(triggerUptimeMilliseconds(of:)).first
        for next in lines.indices.dropFirst(index + 1) {
            let text = message(of: lines[next]).trimmingBlanks()
            if text.hasPrefix(endMarker) {
                panic.reportLines.insert(next + 1)
                break
            }
            guard isReportLine(text) else {
                continue
            }
            panic.reportLines.insert(next + 1)
            if panic.pid == nil, text.hasPrefix("CPU: ") {
                (panic.pid, panic.comm) = task(of: text)
            }
        }
        return panic
    }

    /// A line the kernel prints as part of a panic report (without its timestamp).
    static func isReportLine(_ text: String) -> Bool {
        let prefixes = [
            "CPU: ", "Hardware name: ", "Call Trace:", "<TASK>", "</TASK>", "<IRQ>", "</IRQ>", "<NMI>", "</NMI>",
            "Kernel Offset: ", "Shutting down cpus with NMI", "Tainted: ", "Modules linked in:",
            // The user-space registers of the task that wrote to /proc/sysrq-trigger.
            "RIP: ", "Code: ", "RSP: ", "RAX: ", "RDX: ", "RBP: ", "R10: ", "R13: ",
        ]
        if prefixes.contains(where: text.hasPrefix) {
            return true
        }
        // A stack frame: `panic+0x344/0x3a0`, `? sysrq_handle_crash+0x16/0x20`, `… [vigil_rootkit]`.
        let frame = text.hasPrefix("? ") ? String(text.dropFirst(2)) : text
        guard let symbol = frame.split(separator: " ").first, let plus = symbol.firstIndex(of: "+") else {
            return false
        }
        let name = symbol[..<plus]
        let offsets = symbol[symbol.index(after: plus)...].split(separator: "/")
        return !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || "_.".contains($0) }
            && offsets.count == 2 && offsets.allSatisfy { $0.hasPrefix("0x") }
    }

    /// `(pid, comm)` from `CPU: 0 PID: 345 Comm: vigil Not tainted …` (6.12 adds `UID: 0`).
    static func task(of text: String) -> (Int?, String?) {
        let words = text.split(separator: " ").map(String.init)
        let pid = words.firstIndex(of: "PID:").flatMap { $0 + 1 < words.count ? Int(words[$0 + 1]) : nil }
        let comm = words.firstIndex(of: "Comm:").flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
        return (pid, comm)
    }

    /// The uptime of a trigger mark line (``triggerMark``), or `nil` for other lines.
    static func triggerUptimeMilliseconds(of line: String) -> Int? {
        let text = message(of: line)
        guard text.hasPrefix(triggerMark) else {
            return nil
        }
        return KeyValueTokens(parsing: text.dropFirst(triggerMark.count)).integer("uptime_ms")
    }

    /// The line without its `[   12.345678] ` stamp.
    static func message(of line: String) -> String {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else {
            return line
        }
        return String(line[line.index(after: close)...]).trimmingBlanks()
    }

    /// Milliseconds of uptime from the line's `[   12.345678]` stamp.
    static func uptimeMilliseconds(of line: String) -> Int? {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else {
            return nil
        }
        let stamp = String(line[line.index(after: line.startIndex)..<close]).trimmingBlanks()
        let parts = stamp.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let seconds = Int(parts[0]), parts[1].count >= 3, let fraction = Int(parts[1].prefix(3)) else {
            return nil
        }
        return seconds * 1000 + fraction
    }

    /// A value usable as one evidence token (no spaces, no `=`).
    static func token(_ value: String) -> String {
        String(value.map { $0 == " " || $0 == "=" ? "_" : $0 })
    }
}
