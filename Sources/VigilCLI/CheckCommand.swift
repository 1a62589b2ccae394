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

        Exit status: 0 when the report was made (whatever it says), 77 when not run as root.
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

    @Option(
        name: .long,
        help: ArgumentHelp("The architecture to report with --root (default: this machine's).", valueName: "arch")
    )
    var architecture: String?

    func validate() throws {
        if root != "/" {
            let reader = KernelFileReader(root: .host)
            guard reader.isDirectory(root) else {
                throw ValidationError("--root '\(root)' is not a directory.")
            }
        }
        if architecture != nil, root == "/" {
            throw ValidationError("--architecture only applies together with --root.")
        }
    }

    func run() throws {
        let environment = CheckEnvironment(
            root: SystemRoot(path: root),
            effectiveUserID: ProcessIdentity.effectiveUserID(),
            architecture: architecture ?? (try? Uname.current().machine) ?? "unknown"
        )
        let output = try CheckReportProducer(environment: environment).produce(json: json)
        print(output, terminator: "")
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
        if environment.root.isHost, environment.effectiveUserID != 0 {
            throw CommandFailure(message: Self.notRootMessage, exitCode: ExitStatus.needsRoot)
        }
        var facts = KernelFactsCollector(root: environment.root, architecture: environment.architecture).collect()
        facts.sensorFunctions = SensorFunctionProbe.observe(root: environment.root)
        let report = CheckReport(facts: facts, libbpfVersion: LibBPF.version)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(report)
            return String(decoding: data, as: UTF8.self) + "\n"
        }
        return CheckReportRenderer.render(report)
    }
}
