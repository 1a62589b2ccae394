import ArgumentParser
import VigilCore
import VigilBPF
import VigilLinux

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Talks to a running `vigil run` over its control socket.
struct ControlClient {
    let socket: UnixSocket

    init(path: String) throws {
        do {
            socket = try UnixSocket.connect(to: path)
        } catch {
            let hint = error.kind == .permissionDenied ? "; the control socket answers root only" : "; is vigil run running (with --control-socket \(path))?"
            throw CommandFailure(message: "cannot reach the daemon at \(path): \(error.message)\(hint)", exitCode: .failure)
        }
    }

    /// Sends one request and waits up to `timeout` seconds for its response.
    func request(_ request: ControlRequest, timeout: Double = 30) throws -> ControlResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let line = String(decoding: try encoder.encode(request), as: UTF8.self)
        try socket.send(line: line)
        while socket.hasUnsentData { try socket.flush() }
        guard let response = try nextLine(timeout: timeout) else {
            throw CommandFailure(message: "the daemon did not answer within \(Int(timeout)) s", exitCode: .failure)
        }
        do {
            return try JSONDecoder().decode(ControlResponse.self, from: Data(response.utf8))
        } catch {
            throw CommandFailure(message: "the daemon's answer is not understood: \(response.prefix(120))", exitCode: .failure)
        }
    }

    private var buffered = Buffered()

    private final class Buffered {
        var lines: [String] = []
        var closed = false
    }

    /// The next line from the daemon; nil on timeout or when it closed the connection.
    func nextLine(timeout: Double?) throws -> String? {
        let deadline = timeout.map { MonotonicClock.now() + UInt64($0 * 1e9) }
        while buffered.lines.isEmpty {
            if buffered.closed { return nil }
            if let deadline, MonotonicClock.now() >= deadline { return nil }
            socket.waitReadable(timeoutMilliseconds: 200)
            switch try socket.readLines() {
            case .lines(let lines): buffered.lines += lines
            case .closed(let lines): buffered.lines += lines; buffered.closed = true
            }
        }
        return buffered.lines.removeFirst()
    }

    /// A response that reports failure becomes the command's failure.
    static func require(_ response: ControlResponse) throws -> ControlResponse {
        guard response.ok else {
            throw CommandFailure(message: response.error ?? "the daemon refused the request", exitCode: .failure)
        }
        return response
    }
}

struct ControlSocketOption: ParsableArguments {
    @Option(name: .customLong("socket"), help: ArgumentHelp("The control socket of vigil run.", valueName: "path"))
    var path: String = ControlServer.defaultPath
}
