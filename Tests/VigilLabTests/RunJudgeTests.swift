import Testing
@testable import VigilLab

@Suite("Judging a run")
struct RunJudgeTests {
    let judge = RunJudge()
    let poweredOff = GuestExit(status: 0, killedAtTimeout: false)

    func transcript(verdict: String?, ended: Bool = true, began: Bool = true, dmesg: [String] = []) -> GuestTranscript {
        var lines: [String] = []
        if began { lines.append("LAB begin scenario=x kernel=6.1") }
        if let verdict { lines.append("LAB verdict verdict=\(verdict) ms=5") }
        lines += dmesg.map { "DMESG " + $0 }
        if ended { lines.append("LAB end") }
        return GuestTranscript(resultLog: lines.joined(separator: "\n"))
    }

    func kinds(_ transcript: GuestTranscript, console: String = "") -> [RunFailure.Kind] {
        kinds(.pass, transcript, console: console)
    }

    func kinds(_ expected: ExpectedVerdict, _ transcript: GuestTranscript, console: String = "", exit: GuestExit? = nil) -> [RunFailure.Kind] {
        judge.failures(expected: expected, timeoutSeconds: 90, transcript: transcript, consoleText: console, exit: exit ?? poweredOff).map(\.kind)
    }

    @Test func expectedVerdictPasses() {
        #expect(kinds(.pass, transcript(verdict: "pass")).isEmpty)
        #expect(kinds(.detected, transcript(verdict: "detected")).isEmpty)
    }

    @Test func otherVerdictFails() {
        let failures = judge.failures(expected: .blocked, timeoutSeconds: 90, transcript: transcript(verdict: "detected"), consoleText: "", exit: poweredOff)
        #expect(failures == [RunFailure(kind: .verdictMismatch, message: "verdict 'detected', expected 'blocked'")])
    }

    @Test func setupFailureIsNamed() {
        #expect(kinds(transcript(verdict: "setup-failed")) == [.setupFailed])
    }

    @Test func timeoutWithoutEnd() {
        let exit = GuestExit(status: -1, killedAtTimeout: true)
        let failures = judge.failures(expected: .pass, timeoutSeconds: 90, transcript: transcript(verdict: nil, ended: false, began: false), consoleText: "", exit: exit)
        #expect(failures.map(\.kind) == [.timeout])
        #expect(failures.first?.message.contains("before reaching /init") == true)
    }

    @Test func stoppingWithoutEndAfterAPanic() {
        let console = "[ 1.0] Kernel panic - not syncing: Fatal exception\r\n"
        #expect(kinds(transcript(verdict: nil, ended: false, began: false), console: console) == [.noEnd, .kernelTrouble])
    }

    @Test func qemuFailureKeepsItsMessage() {
        let exit = GuestExit(status: 1, killedAtTimeout: false, diagnostics: "qemu: could not load kernel '/x'\n")
        let failures = judge.failures(expected: .pass, timeoutSeconds: 90, transcript: GuestTranscript(), consoleText: "", exit: exit)
        #expect(failures == [RunFailure(kind: .hypervisor, message: "qemu exited with status 1: qemu: could not load kernel '/x'")])
    }

    @Test func kernelWarningFailsEvenWithTheRightVerdict() {
        let run = transcript(verdict: "pass", dmesg: ["[ 9.0] WARNING: CPU: 0 PID: 1 at mm/x.c:1 f+0x1/0x2"])
        let failures = judge.failures(expected: .pass, timeoutSeconds: 90, transcript: run, consoleText: "", exit: poweredOff)
        #expect(failures.map(\.kind) == [.kernelTrouble])
        #expect(failures.first?.message.hasPrefix("dmesg line 1:") == true)
    }

    @Test func limitsTheTroubleList() {
        let console = Array(repeating: "BUG: x", count: 8).joined(separator: "\n")
        let failures = judge.failures(expected: .pass, timeoutSeconds: 90, transcript: transcript(verdict: "pass"), consoleText: console, exit: poweredOff)
        #expect(failures.count == 6)
        #expect(failures.last?.message == "3 more kernel-trouble lines")
    }

    @Test func endWithoutVerdictFails() {
        #expect(kinds(transcript(verdict: nil)) == [.verdictMismatch])
    }

    @Test func inconclusiveIsAMismatch() {
        #expect(kinds(.silent, transcript(verdict: "inconclusive")) == [.verdictMismatch])
    }
}
