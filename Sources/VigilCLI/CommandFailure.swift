import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A failure a command reports with a sentence and a specific exit status,
/// rather than a stack trace or a generic "Error:".
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: ExitCode

    var description: String { message }
}

extension VigilCommand {
    /// Runs the command line, printing a `CommandFailure` as `vigil: message` on
    /// standard error with its own exit status.
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            writeToStandardError("vigil: \(failure.message)\n")
            Self.exit(withError: failure.exitCode)
        } catch {
            Self.exit(withError: error)
        }
    }
}

func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
        _ = write(2, buffer.baseAddress, buffer.count)
    }
}

/// Flushes standard output so each event reaches a pipe or file at once.
func flushStandardOutput() {
    fflush(nil)
}
