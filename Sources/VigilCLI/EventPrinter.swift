import VigilCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes events to standard output: a terse alert line with indented
/// evidence for people, or one JSON object per line for machines.
struct EventPrinter {
    var json: Bool
    var includeKernelAddresses: Bool
    /// Control-socket clients following the events (`vigil events --follow`); each gets the JSON line.
    var followers: EventFollowers? = nil
    /// Alerts counted by record type and kind, for the metrics.
    var tally: DetectionTally? = nil

    /// The event as a JSON line, whatever the terminal format, for followers.
    private func publish(_ record: some Encodable) {
        guard let followers, followers.count > 0 else { return }
        followers.publish(jsonLine(record, orElse: "").trimmingSuffixNewline())
    }

    func render(_ event: TaskIntegrityEvent) -> String {
        if json {
            return jsonLine(EventRecord(event, includeKernelAddresses: includeKernelAddresses), orElse: event.summary)
        }
        var lines = [event.summary]
        let parents = event.parents.map { "\($0.comm)[\($0.pid)]" }.joined(separator: " <- ")
        let syscall = event.syscall?.description ?? "none"
        lines.append("  process: \(event.process.comm) pid \(event.process.pid) tid \(event.process.tid) exe \(event.executable.isEmpty ? "-" : event.executable)")
        lines.append("  parents: \(parents.isEmpty ? "-" : parents)")
        lines.append("  caught at \(event.hookName) during \(syscall); response: \(event.response.rawValue)")
        for change in event.changes(includeKernelAddresses: includeKernelAddresses) {
            lines.append("  \(change.field): expected \(change.expected), actual \(change.actual)")
        }
        let hidden = event.fields.filter(\.isKernelAddress).map(\.description)
        if !includeKernelAddresses, !hidden.isEmpty {
            lines.append("  kernel pointers changed: \(hidden.joined(separator: ", ")) (values at --log-level debug)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func render(_ finding: KernelIntegrityFinding, bootNanoseconds: UInt64, response: String) -> String {
        if json {
            let record = KernelEventRecord(finding, bootNanoseconds: bootNanoseconds, response: response, includeKernelAddresses: includeKernelAddresses)
            return jsonLine(record, orElse: finding.summary)
        }
        var lines = [finding.summary]
        lines.append("  region: \(finding.region); where: \(finding.symbol)" + (finding.module.map { "; module: \($0)" } ?? "") + "; trigger: \(finding.trigger.rawValue)")
        if let expected = finding.expected { lines.append("  expected: \(expected)") }
        if let actual = finding.actual { lines.append("  actual:   \(actual)") }
        if includeKernelAddresses, let address = finding.address { lines.append("  address: 0x\(String(address, radix: 16))") }
        if finding.isAlert { lines.append("  response: \(response)") }
        return lines.joined(separator: "\n") + "\n"
    }

    func print(_ finding: KernelIntegrityFinding, bootNanoseconds: UInt64, response: String) {
        if finding.isAlert { tally?.count(type: "kernel-integrity", kind: finding.check.rawValue) }
        publish(KernelEventRecord(finding, bootNanoseconds: bootNanoseconds, response: response, includeKernelAddresses: false))
        Swift.print(render(finding, bootNanoseconds: bootNanoseconds, response: response), terminator: "")
        flushStandardOutput()
    }

    func render(_ event: UsermodeHelperEvent) -> String {
        if json {
            return jsonLine(UsermodeHelperEventRecord(event), orElse: event.summary)
        }
        var lines = [event.summary]
        switch event.stage {
        case .call:
            lines.append("  caller: \(event.comm) pid \(event.pid) uid \(event.uid)")
            lines.append("  argv: \(event.argv.joined(separator: " "))" + (event.truncated ? " …" : ""))
            if !event.envp.isEmpty { lines.append("  envp: \(event.envp.joined(separator: " "))") }
        case .execRefused:
            lines.append("  helper task: pid \(event.pid); exec refused with EPERM")
        }
        if let variable = event.variable {
            lines.append("  \(variable.name) at use: \(event.variableAtUse ?? "-"); last written through /proc/sys: \(event.variableExpected ?? "-")")
        }
        if event.isAlert { lines.append("  verdict: \(event.verdict.name); response: \(event.response.name)") }
        return lines.joined(separator: "\n") + "\n"
    }

    func render(_ event: ModulePolicyEvent) -> String {
        if json {
            return jsonLine(ModulePolicyEventRecord(event), orElse: event.summary)
        }
        var lines = [event.summary]
        lines.append("  process: \(event.comm) pid \(event.pid) uid \(event.uid); \(event.operation.systemCall) failed with EPERM")
        if let file = event.file { lines.append("  file: \(file)") }
        return lines.joined(separator: "\n") + "\n"
    }

    func print(_ event: UsermodeHelperEvent) {
        if event.isAlert, event.stage == .call { tally?.count(type: "usermode-helper", kind: event.verdict.name) }
        publish(UsermodeHelperEventRecord(event))
        Swift.print(render(event), terminator: "")
        flushStandardOutput()
    }

    func print(_ event: ModulePolicyEvent) {
        tally?.count(type: "module-policy", kind: event.reason.name)
        publish(ModulePolicyEventRecord(event))
        Swift.print(render(event), terminator: "")
        flushStandardOutput()
    }

    /// One JSON Lines record (sorted keys, slashes unescaped); the summary should encoding ever fail.
    private func jsonLine(_ record: some Encodable, orElse summary: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(record) else { return summary + "\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func print(_ event: TaskIntegrityEvent) {
        tally?.count(type: "process-integrity", kind: event.kind.rawValue)
        publish(EventRecord(event, includeKernelAddresses: false))
        let text = render(event)
        Swift.print(text, terminator: "")
        flushStandardOutput()
    }
}

extension String {
    /// Without one trailing newline: a JSON line before it is framed again, a /proc/sys value as the kernel holds it.
    func trimmingSuffixNewline() -> String {
        hasSuffix("\n") ? String(dropLast()) : self
    }
}

/// Alerts printed, by record type and kind: `vigil_detections_total`.
final class DetectionTally {
    private(set) var counts: [String: [String: UInt64]] = [:]

    func count(type: String, kind: String) {
        counts[type, default: [:]][kind, default: 0] += 1
    }
}
