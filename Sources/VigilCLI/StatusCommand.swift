import ArgumentParser
import VigilCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `vigil status`: what the running daemon protects and how.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the running vigil protects and how: settings, protections, the last check, counters.",
        discussion: "Asks vigil run over its root-only control socket.\n\nExit status: 0 when the daemon answered, 1 when it could not be reached."
    )

    @OptionGroup var socket: ControlSocketOption

    @Flag(name: .long, help: "Print the status as JSON.")
    var json = false

    func run() throws {
        let response = try ControlClient.require(try ControlClient(path: socket.path).request(ControlRequest(command: .status)))
        guard let status = response.status else {
            throw CommandFailure(message: "the daemon sent no status", exitCode: .failure)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            print(Self.render(status), terminator: "")
        }
    }

    static func render(_ status: DaemonStatus) -> String {
        var lines = ["vigil \(status.version), pid \(status.pid), up \(Int(status.uptimeSeconds)) s", ""]
        for protection in status.protections {
            lines.append("  \(protection.active ? "[ on ]" : "[off ]") \(protection.name): \(protection.detail)")
        }
        lines.append("")
        if let last = status.lastCheck {
            lines.append("Last kernel check: \(Int(last.secondsAgo)) s ago (\(last.trigger)), \(Int(last.seconds * 1000)) ms, \(last.alerts) alerts")
        } else {
            lines.append("Last kernel check: none yet")
        }
        lines.append("")
        lines.append("Settings:")
        for key in status.settings.keys.sorted() {
            lines.append("  \(key) = \(status.settings[key] ?? "")")
        }
        lines.append("")
        lines.append("Counters:")
        for key in status.counters.keys.sorted() {
            lines.append("  \(key) \(status.counters[key] ?? 0)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `vigil set KEY VALUE`: change a knob of the running daemon at once.
struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change a knob of the running vigil at once, without a gap in protection.",
        discussion: """
        KEY is a vigil.toml name and VALUE is written as in that file, e.g. `vigil set pint_enforce 0`. \
        Knobs that change at run time: \(RuntimeSetting.keys.joined(separator: ", ")). \
        The change lasts until vigil run stops; put it in /etc/vigil/vigil.toml to keep it.

        Exit status: 0 when the daemon applied it, 1 when it refused or could not be reached.
        """
    )

    @OptionGroup var socket: ControlSocketOption

    @Argument(help: "The knob, as named in vigil.toml.")
    var key: String

    @Argument(help: "Its new value.")
    var value: String

    func run() throws {
        let response = try ControlClient.require(try ControlClient(path: socket.path).request(ControlRequest(command: .set, key: key, value: value)))
        guard let change = response.setting else { return }
        if change.current.isEmpty {
            print("\(key) already \(value): nothing changed")
            return
        }
        for name in change.current.keys.sorted() {
            print("\(name): \(change.previous[name] ?? "?") -> \(change.current[name] ?? "?")")
        }
    }
}

/// `vigil events --follow`: the running daemon's events as they happen.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print the running vigil's events as they happen, one JSON line each (docs/events.md).",
        discussion: "Exit status: 0 when the daemon stopped, 1 when it could not be reached."
    )

    @OptionGroup var socket: ControlSocketOption

    @Flag(name: .long, help: "Keep printing events until interrupted (the only mode: past events are in the journal).")
    var follow = false

    func validate() throws {
        guard follow else {
            throw ValidationError("vigil events streams what happens from now on: use --follow (past events are in the journal or the daemon's output).")
        }
    }

    func run() throws {
        let client = try ControlClient(path: socket.path)
        _ = try ControlClient.require(try client.request(ControlRequest(command: .events)))
        while let line = try client.nextLine(timeout: nil) {
            print(line)
            flushStandardOutput()
        }
    }
}
