import ArgumentParser
import VigilCore

/// The `vigil` command: a Linux kernel runtime guard.
public struct VigilCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "A Linux kernel runtime guard: kernel integrity and exploit detection with eBPF, no kernel module.",
        discussion: """
        Vigil checks the running kernel's code, data and hooks against a baseline and watches \
        every task's credentials for changes that no legitimate kernel path made.

        Exit status: 0 on success, 1 on an error, 64 on a usage error, 77 when root is needed.
        """,
        version: VigilVersion.current,
        subcommands: [CheckCommand.self, RunCommand.self, StatusCommand.self, SetCommand.self, EventsCommand.self]
    )

    public init() {}
}
