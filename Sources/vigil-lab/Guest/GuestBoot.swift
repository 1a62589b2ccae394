import VigilLab

/// Boots one guest with QEMU and waits until it powers off or its time is up.
struct GuestBoot {
    var invocation: QEMUInvocation
    var timeoutSeconds: Int

    struct Outcome {
        var exit: GuestExit
        var wallMilliseconds: Int
    }

    func run() async throws -> Outcome {
        var command = Subprocess(QEMUInvocation.executable, invocation.arguments)
        command.timeoutSeconds = Double(timeoutSeconds)
        let result = try await command.run()
        return Outcome(
            exit: GuestExit(
                status: result.status,
                killedAtTimeout: result.timedOut,
                diagnostics: result.standardError + result.standardOutput
            ),
            wallMilliseconds: result.wallMilliseconds
        )
    }
}
