import ArgumentParser
import VigilCore
import VigilLinux
import VigilBPF

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `vigil check`: a read-only report of what this kernel offers the guard.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report what this kernel offers the guard and what each missing piece disables.",
        discussion: """
        Reads /proc, /sys and /boot only: it loads nothing into the kernel and changes nothing. \
        It needs root, because /proc/kallsyms hides addresses and /proc/kcore is closed to other users.

        With --kernel-integrity it also looks at the running kernel itself, once, with no earlier \
        baseline: runtime patch sites (jump labels, static calls, ftrace sites) in states no legitimate \
        patching leaves, system call table entries that are not their system call, modules missing \
        from one of the views of loaded modules, every ftrace hook and kprobe with its owner, and \
        CPUs whose system call entry MSRs do not point at the kernel's entry points or whose CR4 \
        (the kernel's copy) lacks SMEP, SMAP or UMIP; it says which of these CPU registers it can \
        read here. Changes over time need the baseline `vigil run` keeps.

        Exit status: 0 when the report was made (whatever it says), 2 when --kernel-integrity found \
        tampering, 77 when not run as root.
        """
    )

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read kernel state below this directory instead of / (a tree captured from another system).",
            valueName: "path"
        )
    )
    var root: String = "/"

    @Flag(name: .customLong("kernel-integrity"), help: "Also check the running kernel's code, tables, modules and hooks once (reads /proc/kcore).")
    var kernelIntegrity = false

    @Option(
        name: .long,
        help: ArgumentHelp("The architecture to report with --root (default: this machine's).", valueName: "arch")
    )
    var architecture: String?

    @Flag(name: .long, help: "Ask the running vigil run to validate the kernel against its baseline now, and report what it found.")
    var now = false

    @OptionGroup var socket: ControlSocketOption

    func validate() throws {
        if root != "/" {
            let reader = KernelFileReader(root: .host)
            guard reader.isDirectory(root) else {
                throw ValidationError("--root '\(root)' is not a directory.")
            }
        }
        if now, kernelIntegrity || json || root != "/" {
            throw ValidationError("--now asks the running daemon; it does not combine with --kernel-integrity, --json or --root.")
        }
        if architecture != nil, root == "/" {
            throw ValidationError("--architecture only applies together with --root.")
        }
    }

    func run() throws {
        if now {
            let response = try ControlClient.require(try ControlClient(path: socket.path).request(ControlRequest(command: .check), timeout: 120))
            guard let outcome = response.check else { return }
            print("kernel check: \(outcome.findings) findings, \(outcome.alerts) alerts, \(Int(outcome.seconds * 1000)) ms (events: vigil events --follow, or the daemon's output)")
            if outcome.alerts > 0 { throw ExitCode(2) }
            return
        }
        let environment = CheckEnvironment(
            root: SystemRoot(path: root),
            effectiveUserID: ProcessIdentity.effectiveUserID(),
            architecture: architecture ?? (try? Uname.current().machine) ?? "unknown"
        )
        let producer = CheckReportProducer(environment: environment)
        guard kernelIntegrity else {
            print(try producer.produce(json: json), terminator: "")
            return
        }
        let report = try producer.report()
        let snapshot: KernelIntegritySnapshot.Result
        do {
            snapshot = try KernelIntegritySnapshot(root: environment.root).run()
        } catch {
            print(try producer.render(report, json: json), terminator: "")
            throw CommandFailure(
                message: "the kernel-integrity check could not read the kernel: \(error). vigil check loads nothing into the kernel; "
                    + "vigil run reads kernel memory through BPF when /proc/kcore cannot be read.",
                exitCode: .failure
            )
        }
        if json {
            print(try CheckReportProducer.json(ReportWithKernelIntegrity(report: report, kernelIntegrity: snapshot)), terminator: "")
        } else {
            print(try producer.render(report, json: false) + KernelIntegritySnapshot.render(snapshot), terminator: "")
        }
        flushStandardOutput()
        if snapshot.tampered { throw ExitCode(2) }
    }
}

/// What `vigil check` runs against: injectable so tests can play root or not.
struct CheckEnvironment: Sendable {
    var root: SystemRoot
    var effectiveUserID: UInt32
    var architecture: String
}

/// Collects facts, assesses them and renders the report.
struct CheckReportProducer {
    var environment: CheckEnvironment

    static let notRootMessage = """
        vigil check must run as root: /proc/kallsyms shows addresses and /proc/kcore opens only for root. \
        Run it again with sudo.
        """

    func produce(json: Bool) throws -> String {
        try render(try report(), json: json)
    }

    /// Collects the facts and assesses them (refusing, as non-root on the host, before reading anything).
    func report() throws -> CheckReport {
        if environment.root.isHost, environment.effectiveUserID != 0 {
            throw CommandFailure(message: Self.notRootMessage, exitCode: ExitStatus.needsRoot)
        }
        var facts = KernelFactsCollector(root: environment.root, architecture: environment.architecture).collect()
        facts.sensorFunctions = SensorFunctionProbe.observe(root: environment.root)
        facts.guardFunctions = SensorFunctionProbe.observeGuard(root: environment.root)
        return CheckReport(facts: facts, libbpfVersion: LibBPF.version)
    }

    func render(_ report: CheckReport, json: Bool) throws -> String {
        json ? try Self.json(report) : CheckReportRenderer.render(report)
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// `vigil check --json --kernel-integrity`: the report and the one-shot check in one object.
struct ReportWithKernelIntegrity: Encodable {
    var report: CheckReport
    var kernelIntegrity: KernelIntegritySnapshot.Result
}
