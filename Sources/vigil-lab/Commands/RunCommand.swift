import ArgumentParser
import Foundation
import VigilLab

/// `vigil-lab run`: every selected scenario on every selected kernel, each in a fresh QEMU guest.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Boot the selected scenarios on the selected kernels and report the verdicts.",
        discussion: """
        A run fails on a timeout (no LAB end), a kernel panic, oops, BUG or WARNING on the console or \
        in dmesg, a failed setup, or a verdict other than the scenario's expect:. Logs go to \
        .lab/runs/<timestamp>/<release>/<group>/<name>/; the report to .lab/report.md and .lab/report.json.

        Exit status: 0 when every run passed, 1 when any failed or the lab could not start.
        """
    )

    @OptionGroup var rootOptions: PackageRootOptions
    @OptionGroup var kernelOptions: KernelFilterOptions

    @Option(
        name: .customLong("scenario"),
        help: ArgumentHelp("A scenario name, a group, or group/name. Repeat for more. Default: all.", valueName: "name-or-group")
    )
    var scenarioFilters: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The static vigil binary to put at /usr/local/bin/vigil in the guest. Default: .build/release/vigil.",
            valueName: "path"
        )
    )
    var vigil: String?

    @Flag(name: .customLong("no-vigil"), help: "Boot without a vigil binary; scenarios that need it fail their setup.")
    var withoutVigil = false

    @Option(name: .long, help: "How many guests to boot at once (each takes about one host core).")
    var jobs = 1

    @Flag(name: .customLong("update-docs"), help: "Also write docs/detection-matrix.md and docs/detection-matrix.json.")
    var updateDocs = false

    @Option(
        name: .customLong("tcg-threads"),
        help: ArgumentHelp(
            "How QEMU runs a guest's two vCPUs: single (one host thread, the default) or multi (a thread each, where 6.12 guests sometimes oops at boot; see docs/lab.md).",
            valueName: "mode"
        )
    )
    var tcgThreads: TCGThreading = .single

    @Option(name: .long, help: ArgumentHelp("The static busybox for the guest.", valueName: "path"))
    var busybox = "/bin/busybox"

    static let vigilBuildCommand = "swift build -c release --static-swift-stdlib -Xswiftc -static-executable --product vigil"

    func validate() throws {
        guard jobs >= 1 else {
            throw ValidationError("--jobs must be 1 or more.")
        }
        if withoutVigil, vigil != nil {
            throw ValidationError("--vigil and --no-vigil exclude each other; pick one.")
        }
    }

    func run() async throws {
        LineBufferedOutput.enable()
        let started = ContinuousClock.now
        let startDate = Date()
        let layout = try rootOptions.layout()
        let specs = try kernelOptions.select(from: try KernelMatrixFile.load(layout))
        let scenarios = try selectScenarios(layout)
        let vigilBinary = try resolveVigil(layout)

        let fetcher = KernelFetcher(layout: layout)
        var kernels: [ResolvedKernel] = []
        for spec in specs {
            kernels.append(try await fetcher.fetch(spec))
        }
        let targets = RunTarget.plan(scenarios: scenarios, kernels: kernels)
        guard !targets.isEmpty else {
            throw LabError("the selected scenarios run on none of the selected kernels")
        }

        let timestamp = RunTimestamp.folderName(for: startDate)
        let runRoot = layout.runDirectory(timestamp: timestamp)
        let builder = InitramfsBuilder(layout: layout, workDirectory: runRoot)
        try HostFiles.createDirectory(runRoot)
        print("building initramfs (vigil: \(vigilBinary.map(layout.relative) ?? "none")) …")
        let sharedParts = [
            try await builder.busyboxPart(busybox: busybox),
            try await builder.runtimePart(vigil: vigilBinary),
        ]
        var kernelParts: [String: String] = [:]
        for kernel in kernels {
            print("building test modules for \(kernel.release) …")
            kernelParts[kernel.release] = try await builder.kernelPart(kernel: kernel)
        }
        let partsByKernel = kernelParts
        print("running \(targets.count) guests, \(jobs) at a time; logs in \(layout.relative(runRoot))")

        let outcomes = await RunScheduler(jobs: jobs).perform(targets) { target in
            ScenarioRun(
                layout: layout,
                timestamp: timestamp,
                target: target,
                sharedParts: sharedParts + [partsByKernel[target.kernel.release]].compactMap { $0 },
                singleThreadedTCG: tcgThreads == .single
            )
        } progress: { index, target, outcome in
            if let outcome {
                print(RunProgress.finished(index, of: targets.count, target, outcome, layout: layout))
            } else {
                print(RunProgress.started(index, of: targets.count, target))
            }
        }
        HostFiles.remove(runRoot + "/runtime.cpio.gz")
        for part in partsByKernel.values {
            HostFiles.remove(part)
        }

        let elapsed = ContinuousClock.now - started
        let report = LabReport(
            generatedAt: RunTimestamp.iso8601(startDate),
            command: commandLine(),
            kernels: kernels,
            accelerator: tcgThreads == .single ? "tcg,thread=single" : "tcg",
            runs: outcomes.map(\.record),
            totalWallMs: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        )
        let written = try ReportWriter.write(report, layout: layout, updateDocs: updateDocs)
        let markdown = ReportMarkdown(report: report)
        print("\n" + markdown.matrix)
        print(markdown.bootTimes)
        print(markdown.summary)
        print("report: \(written.joined(separator: ", "))")
        try printBenchmarks(report, layout: layout)
        let passedRuns = report.runs.filter(\.passed).count
        // The plain closing line CI readers recognise: "N passed, N failed".
        print("lab: \(passedRuns) passed, \(report.runs.count - passedRuns) failed")
        if !report.passed {
            throw ExitCode.failure
        }
    }

    /// Summarises the BENCH lines of benchmark runs, per scenario and kernel, on
    /// standard output and in `.lab/benchmarks.md` (the figures BENCHMARKS.md records).
    func printBenchmarks(_ report: LabReport, layout: LabLayout) throws {
        var text = ""
        for run in report.runs {
            guard let directory = run.runDirectory else { continue }
            let lines = HostFiles.readTextIfPresent(layout.path(directory) + "/log.txt").split(separator: "\n").map(String.init)
            let summary = BenchmarkSummary(lines: lines)
            guard !summary.isEmpty else { continue }
            text += "\n### \(run.scenario) on \(run.kernelRelease)\n\n" + summary.markdown
        }
        guard !text.isEmpty else { return }
        let document = "# Benchmarks of \(report.generatedAt)\n\nCommand: `\(report.command)`\n" + text
        try HostFiles.writeText(document, to: layout.path(".lab/benchmarks.md"))
        print(text)
        print("benchmarks: .lab/benchmarks.md")
    }

    func selectScenarios(_ layout: LabLayout) throws -> [Scenario] {
        let all = try ScenarioLoader.loadAll(layout)
        do {
            return try ScenarioSelector(filters: scenarioFilters).select(from: all)
        } catch {
            throw LabError(error.description)
        }
    }

    /// The vigil binary for the guest, or `nil` with `--no-vigil`.
    func resolveVigil(_ layout: LabLayout) throws -> String? {
        if withoutVigil {
            return nil
        }
        let path = vigil.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? layout.defaultVigilBinary
        guard HostFiles.exists(path) else {
            if vigil == nil {
                throw LabError("""
                    no vigil binary at \(layout.relative(path)). Build the static one with
                        \(Self.vigilBuildCommand)
                    or pass --vigil PATH, or --no-vigil to boot without it (scenarios that need vigil then fail their setup).
                    """)
            }
            throw LabError("--vigil \(path) does not exist")
        }
        try StaticBinary.require(path, role: "vigil")
        return path
    }

    /// The command as typed, for the report.
    func commandLine() -> String {
        (["vigil-lab"] + CommandLine.arguments.dropFirst()).map(ShellWord.quoteIfNeeded).joined(separator: " ")
    }
}
