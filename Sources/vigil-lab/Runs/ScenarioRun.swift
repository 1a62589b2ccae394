import Foundation
import VigilLab

/// Performs one (scenario, kernel) run: builds its initramfs, boots it, reads what came back,
/// judges it and leaves the evidence in the run folder.
///
/// The folder gets `console.log` (ttyS0), `results.log` (ttyS1), `log.txt` (the LOG lines),
/// `dmesg.txt`, `qemu.txt` (command line and QEMU's own output) and `result.json`.
struct ScenarioRun {
    var layout: LabLayout
    var timestamp: String
    var target: RunTarget
    /// The shared initramfs parts (busybox, runtime).
    var sharedParts: [String]
    /// `-accel tcg,thread=single` instead of multi-threaded TCG.
    var singleThreadedTCG = false

    /// What the run produced: the report row and the details a failure needs.
    struct Outcome: Sendable {
        var record: RunRecord
        var directory: String
        var consoleTail: [String]
        var logLines: [String]
        var problems: [String]
    }

    func perform() async -> Outcome {
        let directory = layout.runDirectory(timestamp: timestamp, release: target.kernel.release, scenario: target.scenario)
        do {
            return try await boot(in: directory)
        } catch {
            let record = RunRecord(
                scenario: target.scenario,
                kernel: target.kernel,
                transcript: GuestTranscript(),
                wallMs: 0,
                failures: [RunFailure(kind: .harness, message: String(describing: error))],
                runDirectory: layout.relative(directory)
            )
            return Outcome(record: record, directory: directory, consoleTail: [], logLines: [], problems: [])
        }
    }

    func boot(in directory: String) async throws -> Outcome {
        try HostFiles.createDirectory(directory)
        let builder = InitramfsBuilder(layout: layout, workDirectory: directory)
        let scenarioPart = try await builder.scenarioPart(scenario: target.scenario, kernel: target.kernel, runDirectory: directory)
        let initrd = directory + "/initrd.img"
        try HostFiles.concatenate(sharedParts + [scenarioPart], into: initrd)
        defer { HostFiles.remove(initrd) }

        let consolePath = directory + "/console.log"
        let resultsPath = directory + "/results.log"
        let invocation = QEMUInvocation(
            kernelPath: layout.kernelImage(release: target.kernel.release),
            initrdPath: initrd,
            consoleLogPath: consolePath,
            resultsLogPath: resultsPath,
            extraKernelArguments: target.scenario.kernelArguments,
            singleThreadedTCG: singleThreadedTCG
        )
        let boot = try await GuestBoot(invocation: invocation, timeoutSeconds: target.scenario.timeoutSeconds).run()

        let transcript = GuestTranscript(resultLog: HostFiles.readTextIfPresent(resultsPath))
        let console = HostFiles.readTextIfPresent(consolePath)
        let judgement = RunJudge().judge(
            expected: target.scenario.expect,
            hasSetup: target.scenario.sections[.setup] != nil,
            timeoutSeconds: target.scenario.timeoutSeconds,
            transcript: transcript,
            consoleText: console,
            exit: boot.exit
        )
        let record = RunRecord(
            scenario: target.scenario,
            kernel: target.kernel,
            transcript: transcript,
            judgement: judgement,
            wallMs: boot.wallMilliseconds,
            runDirectory: layout.relative(directory)
        )
        try saveEvidence(in: directory, transcript: transcript, record: record, invocation: invocation, exit: boot.exit)
        return Outcome(
            record: record,
            directory: directory,
            consoleTail: LogLines.tail(console, count: 30),
            logLines: transcript.logLines,
            problems: transcript.problems
        )
    }

    func saveEvidence(
        in directory: String,
        transcript: GuestTranscript,
        record: RunRecord,
        invocation: QEMUInvocation,
        exit: GuestExit
    ) throws {
        try HostFiles.writeText(Self.lines(transcript.logLines), to: directory + "/log.txt")
        try HostFiles.writeText(Self.lines(transcript.dmesgLines), to: directory + "/dmesg.txt")
        let qemu = ([QEMUInvocation.executable] + invocation.arguments).map(ShellWord.quoteIfNeeded).joined(separator: " ")
        let protocolNotes = transcript.problems.isEmpty ? "" : "\nresult protocol problems:\n" + Self.lines(transcript.problems)
        try HostFiles.writeText(
            "\(qemu)\n\nexit status \(exit.status)\(exit.killedAtTimeout ? " (killed at timeout)" : "")\n\(exit.diagnostics)\(protocolNotes)",
            to: directory + "/qemu.txt"
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try HostFiles.writeText(String(decoding: try encoder.encode(record), as: UTF8.self) + "\n", to: directory + "/result.json")
    }

    static func lines(_ lines: [String]) -> String {
        lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
