import Testing
@testable import VigilLinux

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

@Suite("Unix control socket")
struct UnixSocketTests {
    static func path() -> String { "/tmp/vigil-socket-test-\(getpid())-\(Int.random(in: 0..<1_000_000)).sock" }

    @Test func linesGoBothWaysAndThePeerIsKnown() throws {
        let path = Self.path()
        let server = try UnixSocket.listen(at: path)
        defer { unlink(path) }
        var mode = stat()
        #expect(stat(path, &mode) == 0)
        #expect(mode.st_mode & 0o777 == 0o600)
        #expect(try server.accept() == nil)
        let client = try UnixSocket.connect(to: path)
        let accepted = try #require(try server.accept())
        #expect(try accepted.peerUserID() == getuid())
        try client.send(line: #"{"command":"status"}"#)
        try client.send(line: "second")
        accepted.waitReadable(timeoutMilliseconds: 1000)
        #expect(try accepted.readLines() == .lines([#"{"command":"status"}"#, "second"]))
        try accepted.send(line: "answer")
        client.waitReadable(timeoutMilliseconds: 1000)
        #expect(try client.readLines() == .lines(["answer"]))
    }

    @Test func aClosedPeerIsReported() throws {
        let path = Self.path()
        let server = try UnixSocket.listen(at: path)
        defer { unlink(path) }
        var client: UnixSocket? = try UnixSocket.connect(to: path)
        let accepted = try #require(try server.accept())
        try client?.send(line: "last words")
        client = nil
        accepted.waitReadable(timeoutMilliseconds: 1000)
        #expect(try accepted.readLines() == .closed(["last words"]))
    }

    @Test func aSlowReaderLosesLinesInsteadOfGrowingTheQueue() throws {
        let path = Self.path()
        let server = try UnixSocket.listen(at: path)
        defer { unlink(path) }
        let client = try UnixSocket.connect(to: path)
        let accepted = try #require(try server.accept())
        let line = String(repeating: "x", count: 1000)
        var refused = 0
        for _ in 0..<5000 where try !accepted.send(line: line, limit: 64 << 10) {
            refused += 1
        }
        #expect(refused > 0)
        _ = client
    }

    @Test func writingToAPeerThatWentAwayIsAnErrorNotASignal() throws {
        let path = Self.path()
        let server = try UnixSocket.listen(at: path)
        defer { unlink(path) }
        var client: UnixSocket? = try UnixSocket.connect(to: path)
        let accepted = try #require(try server.accept())
        client = nil
        _ = client
        // The first write may still be taken; a later one fails with EPIPE (and no SIGPIPE ends this test).
        var failed = false
        for _ in 0..<10 {
            do { try accepted.send(line: "anyone?") } catch { failed = true; break }
        }
        #expect(failed)
    }

    @Test func connectingToNothingNamesThePath() {
        do {
            _ = try UnixSocket.connect(to: "/tmp/vigil-no-such-socket-\(getpid())")
            Issue.record("must fail")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.path.hasPrefix("/tmp/vigil-no-such-socket"))
        }
    }
}
