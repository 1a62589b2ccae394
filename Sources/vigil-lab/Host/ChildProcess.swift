import Glibc

/// A child process started with `posix_spawnp`, with a clean signal state.
///
/// Foundation's `Process` lets children inherit the signal mask of the thread that starts them;
/// from a Swift concurrency thread that mask blocks SIGTERM and SIGINT, so a QEMU started that way
/// ignores the harness's SIGTERM and survives Ctrl-C. Here every signal is unblocked and set to its
/// default action in the child, and the child stays in our process group (Ctrl-C reaches it too).
struct ChildProcess {
    let processID: pid_t

    /// Where the child's standard output and error go.
    enum Destination {
        /// Our own stdout and stderr.
        case inherit
        /// `/dev/null`.
        case discard
        /// These two files (created or truncated).
        case files(standardOutput: String, standardError: String)
    }

    /// Starts `arguments[0]`, found on `PATH`, with stdin from `/dev/null`.
    /// The C function is `posix_spawnp`.
    static func spawn(arguments: [String], environment: [String: String], destination: Destination) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        switch destination {
        case .inherit:
            break
        case .discard:
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        case .files(let standardOutput, let standardError):
            posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = CStringArray(arguments)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" })
        defer {
            argv.free()
            envp.free()
        }
        var processID: pid_t = 0
        let status = posix_spawnp(&processID, arguments[0], &actions, &attributes, argv.pointers, envp.pointers)
        guard status == 0 else {
            throw LabError("cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        return ChildProcess(processID: processID)
    }

    /// The exit status once the child has ended (128 + N for a signal N), or `nil` while it runs.
    /// Reaps the child. The C function is `waitpid` with `WNOHANG`.
    func exitStatusIfEnded() -> Int32? {
        var status: Int32 = 0
        let result = waitpid(processID, &status, WNOHANG)
        guard result == processID else {
            return result < 0 && errno != EINTR ? -1 : nil
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Sends a signal to this child only; call it only while the child is not yet reaped.
    func send(_ signal: Int32) {
        _ = kill(processID, signal)
    }
}

/// A NULL-terminated `char *[]` for C, owning its strings until `free()`.
private struct CStringArray {
    let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    func free() {
        for pointer in pointers {
            Glibc.free(pointer)
        }
    }
}
