import Foundation

/// Runs host programs (apt, dpkg-deb, cpio, QEMU) and waits for them without blocking a thread.
struct Subprocess: Sendable {
    /// What happens to the program's output.
    enum Output: Sendable {
        /// Collected and returned in ``Result``.
        case capture
        /// Written straight to our own stdout and stderr (progress of long downloads).
        case inherit
        /// Thrown away.
        case discard
    }

    /// How the program ended.
    struct Result: Sendable {
        /// The exit status, 128 + N after signal N.
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// The program was stopped because the timeout passed.
        var timedOut: Bool
        /// Host time from start to exit, in milliseconds.
        var wallMilliseconds: Int
    }

    var executable: String
    var arguments: [String]
    /// Run in this directory (through `sh -c 'cd … && exec …'`).
    var currentDirectory: String?
    /// Variables added to (or replacing) our environment.
    var environment: [String: String] = [:]
    var output: Output = .capture
    /// Seconds after which the program gets SIGTERM, then SIGKILL 3 s later.
    var timeoutSeconds: Double?

    /// How often the exit is polled.
    static let pollInterval = Duration.milliseconds(20)
    /// Grace time between SIGTERM and SIGKILL.
    static let killGrace = Duration.seconds(3)

    init(_ executable: String, _ arguments: [String], currentDirectory: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.currentDirectory = currentDirectory
    }

    /// A one-line rendering for messages.
    var commandLine: String {
        ([executable] + arguments).map(ShellWord.quoteIfNeeded).joined(separator: " ")
    }

    /// Starts the program, searching `PATH` for a bare name, and waits for it.
    func run() async throws -> Result {
        var argv = [executable] + arguments
        if let currentDirectory {
            argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", currentDirectory] + argv
        }
        let capture = try CaptureFiles(mode: output)
        defer { capture?.remove() }
        let destination: ChildProcess.Destination
        switch output {
        case .capture:
            destination = .files(standardOutput: capture?.standardOutput ?? "/dev/null", standardError: capture?.standardError ?? "/dev/null")
        case .discard:
            destination = .discard
        case .inherit:
            destination = .inherit
        }
        let mergedEnvironment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }

        let clock = ContinuousClock()
        let started = clock.now
        let child = try ChildProcess.spawn(arguments: argv, environment: mergedEnvironment, destination: destination)
        var timedOut = false
        var terminatedAt: ContinuousClock.Instant?
        var status: Int32
        while true {
            if let ended = child.exitStatusIfEnded() {
                status = ended
                break
            }
            let now = clock.now
            if let timeoutSeconds, terminatedAt == nil, now - started >= .seconds(timeoutSeconds) {
                timedOut = true
                terminatedAt = now
                child.send(SIGTERM)
            } else if let terminatedAt, now - terminatedAt >= Self.killGrace {
                child.send(SIGKILL)
            }
            // Not cancellable on purpose: the child must be reaped whatever happens to the task.
            try? await Task.sleep(for: Self.pollInterval)
        }
        let elapsed = clock.now - started
        return Result(
            status: status,
            standardOutput: capture?.read(\.standardOutput) ?? "",
            standardError: capture?.read(\.standardError) ?? "",
            timedOut: timedOut,
            wallMilliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        )
    }

    /// Runs the program and throws with its stderr unless it exits 0.
    @discardableResult
    func check() async throws -> Result {
        let result = try await run()
        guard result.status == 0, !result.timedOut else {
            let detail = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            let reason = result.timedOut ? "timed out" : "exited with status \(result.status)"
            throw LabError("`\(commandLine)` \(reason)" + (detail.isEmpty ? "" : ":\n\(detail)"))
        }
        return result
    }
}

/// Temporary files that collect a program's output: pipes could fill and stall the program.
private struct CaptureFiles {
    let directory: String
    var standardOutput: String { directory + "/stdout" }
    var standardError: String { directory + "/stderr" }

    init?(mode: Subprocess.Output) throws {
        guard case .capture = mode else {
            return nil
        }
        directory = FileManager.default.temporaryDirectory.path + "/vigil-lab-\(UUID().uuidString)"
        try HostFiles.createDirectory(directory)
    }

    func read(_ file: KeyPath<CaptureFiles, String>) -> String {
        HostFiles.readTextIfPresent(self[keyPath: file])
    }

    func remove() {
        HostFiles.remove(directory)
    }
}
