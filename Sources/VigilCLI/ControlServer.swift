import Logging
import VigilCore
import VigilLinux

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The control clients that follow the event stream. Each gets every event as a JSON line;
/// a client that reads too slowly loses lines rather than growing the daemon's memory,
/// and the loss is counted.
final class EventFollowers {
    private(set) var sockets: [UnixSocket] = []
    private(set) var dropped: UInt64 = 0
    /// Bytes a follower may have waiting before its lines are dropped.
    static let backlogLimit = 1 << 20

    var count: Int { sockets.count }

    func add(_ socket: UnixSocket) {
        sockets.append(socket)
    }

    func publish(_ line: String) {
        sockets.removeAll { socket in
            do {
                if try !socket.send(line: line, limit: Self.backlogLimit) { dropped += 1 }
                return false
            } catch {
                return true
            }
        }
    }

    /// Writes what is waiting and forgets clients that went away.
    func service() {
        sockets.removeAll { socket in
            do {
                try socket.flush()
                if case .closed = try socket.readLines() { return true }
                return false
            } catch {
                return true
            }
        }
    }
}

/// What the control server asks of the running daemon.
protocol ControlledDaemon: AnyObject {
    func status() -> DaemonStatus
    func apply(key: String, value: String) throws -> SettingChange
    func checkNow() -> CheckOutcome?
}

/// vigil's control socket: root-only (mode 0600 and the peer's uid checked with
/// SO_PEERCRED), one JSON request per line, one JSON response per line. Serviced
/// from the protection loop, so a request never races the guards it changes.
final class ControlServer {
    static let defaultPath = "/run/vigil/control.sock"

    private let listener: UnixSocket
    private var clients: [UnixSocket] = []
    let followers: EventFollowers
    let logger: Logger

    init(path: String, followers: EventFollowers, logger: Logger) throws {
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !directory.isEmpty {
            mkdir(directory, 0o700)
        }
        listener = try UnixSocket.listen(at: path)
        self.followers = followers
        self.logger = logger
    }

    deinit {
        unlink(listener.path)
    }

    var path: String { listener.path }

    func service(_ daemon: any ControlledDaemon) {
        while let client = try? listener.accept() {
            guard (try? client.peerUserID()) == 0 else {
                _ = try? client.send(line: Self.encode(.failure("the control socket answers root only")))
                logger.warning("control connection refused: not root")
                continue
            }
            clients.append(client)
        }
        var keep: [UnixSocket] = []
        for client in clients {
            let result: UnixSocket.ReadResult
            do {
                result = try client.readLines()
            } catch {
                continue
            }
            let (lines, closed): ([String], Bool) = switch result {
            case .lines(let lines): (lines, false)
            case .closed(let lines): (lines, true)
            }
            var following = false
            for line in lines where !line.isEmpty {
                let (response, follow) = Self.answer(line, daemon: daemon, logger: logger)
                _ = try? client.send(line: Self.encode(response))
                if follow { following = true }
            }
            if following {
                followers.add(client)
            } else if !closed {
                keep.append(client)
            }
        }
        clients = keep
        followers.service()
    }

    /// The response to one request line, and whether the client now follows events.
    static func answer(_ line: String, daemon: any ControlledDaemon, logger: Logger) -> (ControlResponse, Bool) {
        let request: ControlRequest
        do {
            request = try JSONDecoder().decode(ControlRequest.self, from: Data(line.utf8))
        } catch {
            return (.failure("not a request: \(line.prefix(80))"), false)
        }
        switch request.command {
        case .status:
            return (ControlResponse(ok: true, status: daemon.status()), false)
        case .set:
            guard let key = request.key, let value = request.value else {
                return (.failure("set needs a key and a value"), false)
            }
            do {
                let change = try daemon.apply(key: key, value: value)
                logger.notice("setting changed", metadata: ["key": "\(key)", "value": "\(value)"])
                return (ControlResponse(ok: true, setting: change), false)
            } catch {
                return (.failure("\(error)"), false)
            }
        case .check:
            guard let outcome = daemon.checkNow() else {
                return (.failure("kernel integrity is off (kint_validate 0) or its baseline could not be taken"), false)
            }
            return (ControlResponse(ok: true, check: outcome), false)
        case .events:
            return (ControlResponse(ok: true), true)
        }
    }

    static func encode(_ response: ControlResponse) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(response) else { return #"{"ok":false,"error":"unencodable response"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
