import Foundation
import Testing
@testable import VigilLab

/// `expect: panic`: the guest kernel must die of the sysrq crash Vigil's panic response triggers.
@Suite("Judging panic runs")
struct PanicJudgingTests {
    let judge = RunJudge()
    let poweredOff = GuestExit(status: 0, killedAtTimeout: false)

    /// The console of a guest whose vigil panicked the kernel (6.12, shortened).
    static let sysrqConsole = """
        lab: scenario exploit/cred-overwrite-uid-panic on 6.12.117+deb12-amd64, /init at 3310 ms\r
        lab: setup status=0 ms=3210\r
        lab: trigger uptime_ms=8480 vigil-attack uid\r
        [    8.794480] sysrq: Trigger a crash\r
        [    8.795423] Kernel panic - not syncing: sysrq triggered crash\r
        [    8.795911] CPU: 0 UID: 0 PID: 181 Comm: oot.default-qos Tainted: G           OE      6.12.117+deb12-amd64 #1  Debian 6.12.117-1~deb12u1\r
        [    8.796224] Tainted: [O]=OOT_MODULE, [E]=UNSIGNED_MODULE\r
        [    8.796295] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\r
        [    8.796719] Call Trace:\r
        [    8.797398]  <TASK>\r
        [    8.797737]  panic+0x344/0x3a0\r
        [    8.797876]  ? _printk+0x64/0x80\r
        [    8.797937]  sysrq_handle_crash+0x1a/0x20\r
        [    8.798008]  __handle_sysrq+0xa7/0x1a0\r
        [    8.798113]  write_sysrq_trigger+0x59/0x80\r
        [    8.798654]  entry_SYSCALL_64_after_hwframe+0x76/0x7e\r
        [    8.798849] RIP: 0033:0xed25ff\r
        [    8.799324] RSP: 002b:00007f2d5284b230 EFLAGS: 00000293 ORIG_RAX: 0000000000000001\r
        [    8.799936]  </TASK>\r
        [    8.800742] Kernel Offset: 0x3000000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)\r
        [    8.800800] ---[ end Kernel panic - not syncing: sysrq triggered crash ]---\r

        """

    /// The result channel up to the panic: `/init` began, the setup succeeded, the action never reported.
    static let interrupted = GuestTranscript(resultLog: """
        LAB begin scenario=cred-overwrite-uid-panic group=exploit kernel=6.12.117+deb12-amd64 uptime_ms=3310
        LAB setup status=0 ms=3210
        LOG [setup] seconds_to_protection=2.67

        """)

    func judged(
        _ transcript: GuestTranscript = Self.interrupted,
        console: String = Self.sysrqConsole,
        exit: GuestExit? = nil,
        expected: ExpectedVerdict = .panic,
        hasSetup: Bool = true
    ) -> RunJudgement {
        judge.judge(expected: expected, hasSetup: hasSetup, timeoutSeconds: 240, transcript: transcript, consoleText: console, exit: exit ?? poweredOff)
    }

    @Test func sysrqPanicAfterTheSetupPasses() {
        let judgement = judged()
        #expect(judgement.failures == [])
        #expect(judgement.passed)
        #expect(judgement.verdict == .panicked)
        #expect(judgement.evidence == ["trigger": "sysrq", "uptime_ms": "8795", "latency_ms": "315", "pid": "181", "comm": "oot.default-qos"])
        #expect(judgement.timeToVerdictMs == nil)
    }

    @Test func recordShowsThePanic() {
        let scenario = Scenario(name: "cred-overwrite-uid-panic", group: "exploit", expect: .panic, sections: [:])
        let record = RunRecord(scenario: scenario, kernel: ReportTests.kernels[1], transcript: Self.interrupted, judgement: judged(), wallMs: 10_000, runDirectory: nil)
        #expect(record.passed)
        #expect(record.verdict == .panicked)
        #expect(record.expected == .panic)
        #expect(record.bootMs == 3310)
        // Host boot time: the run's wall time minus the guest's time from /init to the panic.
        #expect(record.hostBootMs == 10_000 - (8795 - 3310))
        #expect(ReportMarkdown.cell(record) == "✅ panicked · sysrq crash 315 ms after the attack")
    }

    @Test func guestThatEndsNormallyFails() {
        let ended = GuestTranscript(resultLog: """
            LAB begin scenario=x kernel=6.1 uptime_ms=3300
            LAB setup status=0 ms=3000
            LAB action status=0 ms=31000
            LAB verdict verdict=missed ms=32000 status=0 reason=no-panic attack=blocked
            LAB end uptime_ms=40000
            """)
        let judgement = judged(ended, console: "lab: verdict missed\n")
        #expect(judgement.failures.map(\.kind) == [.verdictMismatch])
        #expect(judgement.failures.first?.message.contains("with verdict 'missed'") == true)
        #expect(judgement.failures.first?.message.contains("the kernel did not panic") == true)
        #expect(judgement.verdict == Verdict("missed"))
        #expect(judgement.evidence["reason"] == "no-panic")
    }

    @Test func oopsBeforeThePanicFails() {
        let console = "[    7.100000] Oops: general protection fault, probably for non-canonical address 0xdead: 0000 [#1] PREEMPT SMP NOPTI\n"
            + Self.sysrqConsole
        let judgement = judged(console: console)
        #expect(judgement.failures.map(\.kind) == [.kernelTrouble])
        #expect(judgement.failures.first?.message.hasPrefix("console line 1: ") == true)
        #expect(judgement.verdict == .panicked)
    }

    @Test func warningInsideThePanicReportStillCounts() {
        let console = Self.sysrqConsole.replacingOccurrences(
            of: "[    8.797398]  <TASK>\r\n",
            with: "[    8.797398]  <TASK>\r\n[    8.797399] WARNING: CPU: 1 PID: 9 at kernel/smp.c:1 x+0x1/0x2\r\n"
        )
        #expect(judged(console: console).failures.map(\.kind) == [.kernelTrouble])
    }

    @Test func timeoutFails() {
        let exit = GuestExit(status: -1, killedAtTimeout: true)
        let judgement = judged(console: "lab: setup status=0 ms=3210\n", exit: exit)
        #expect(judgement.failures.map(\.kind) == [.timeout])
        #expect(judgement.verdict == .missing)
    }

    @Test func timeoutFailsEvenAfterASysrqPanic() {
        let exit = GuestExit(status: -1, killedAtTimeout: true)
        #expect(judged(exit: exit).failures.map(\.kind) == [.timeout])
    }

    @Test func qemuFailureFails() {
        let exit = GuestExit(status: 1, killedAtTimeout: false, diagnostics: "qemu: boom")
        #expect(judged(exit: exit).failures.map(\.kind) == [.hypervisor])
    }

    @Test func anotherPanicFailsAndSaysWhich() {
        let console = """
            [    9.000000] BUG: kernel NULL pointer dereference, address: 0000000000000008
            [    9.000100] Oops: 0002 [#1] PREEMPT SMP NOPTI
            [    9.000200] Kernel panic - not syncing: Fatal exception

            """
        let judgement = judged(console: console)
        #expect(judgement.failures.map(\.kind) == [.noEnd, .kernelTrouble, .kernelTrouble, .kernelTrouble])
        #expect(judgement.failures.first?.message.contains("panicked with 'Fatal exception' (console line 3), not with the sysrq crash") == true)
        #expect(judgement.verdict == .missing)
        #expect(judgement.panic?.reason == "Fatal exception")
    }

    @Test func stopWithoutAnyPanicFails() {
        let judgement = judged(console: "lab: setup status=0 ms=3210\n")
        #expect(judgement.failures.map(\.kind) == [.noEnd])
        #expect(judgement.failures.first?.message.contains("without a kernel panic") == true)
    }

    @Test func panicDuringTheSetupFails() {
        let transcript = GuestTranscript(resultLog: "LAB begin scenario=x kernel=6.1 uptime_ms=3300\n")
        let judgement = judged(transcript)
        #expect(judgement.failures.map(\.kind) == [.setupFailed])
        #expect(judgement.failures.first?.message.contains("during the setup section") == true)
        // Without a setup section the action may panic at once.
        #expect(judged(transcript, hasSetup: false).failures == [])
    }

    @Test func panicBeforeInitFails() {
        #expect(judged(GuestTranscript(), hasSetup: false).failures.map(\.kind) == [.noEnd])
    }

    @Test func failedSetupFails() {
        let transcript = GuestTranscript(resultLog: """
            LAB begin scenario=x kernel=6.1 uptime_ms=3300
            LAB setup status=1 ms=900
            LAB verdict verdict=setup-failed status=1
            LAB end uptime_ms=5000
            """)
        let judgement = judged(transcript, console: "")
        #expect(judgement.failures == [RunFailure(kind: .setupFailed, message: "setup exited with status 1")])
    }

    @Test func verdictTheGuestManagedBeforeThePanicIsKeptAsEvidence() {
        var transcript = Self.interrupted
        transcript.add(ResultRecord(line: "LAB verdict verdict=missed ms=5 status=0"), lineNumber: 9)
        let judgement = judged(transcript)
        #expect(judgement.passed)
        #expect(judgement.verdict == .panicked)
        #expect(judgement.evidence["guest_verdict"] == "missed")
    }

    @Test func otherExpectationsStillFailOnAPanicButRecordIt() {
        let judgement = judged(expected: .blocked)
        // The panic line and the end marker are kernel trouble as usual.
        #expect(judgement.failures.map(\.kind) == [.noEnd, .kernelTrouble, .kernelTrouble])
        #expect(judgement.verdict == .panicked)
        #expect(judgement.evidence["trigger"] == "sysrq")
    }
}

@Suite("Kernel panics on the console")
struct KernelPanicTests {
    @Test func findsTheSysrqCrashAndItsReport() throws {
        let panic = try #require(KernelPanic.first(inConsoleText: PanicJudgingTests.sysrqConsole))
        #expect(panic.line == 5)
        #expect(panic.reason == "sysrq triggered crash")
        #expect(panic.isSysrqCrash)
        #expect(panic.uptimeMilliseconds == 8795)
        #expect(panic.triggerUptimeMilliseconds == 8480)
        #expect(panic.latencyMilliseconds == 315)
        #expect(panic.pid == 181)
        #expect(panic.comm == "oot.default-qos")
        // Every line from the panic to the end marker belongs to the report.
        #expect(panic.reportLines == Set(5...21))
    }

    @Test func readsTheTaskLineOf6_1() {
        let (pid, comm) = KernelPanic.task(of: "CPU: 1 PID: 128 Comm: oot.default-qos Tainted: G           OE      6.1.0-56-amd64 #1")
        #expect(pid == 128)
        #expect(comm == "oot.default-qos")
    }

    @Test func reportLinesAreRecognised() {
        #expect(KernelPanic.isReportLine("panic+0x118/0x2f4"))
        #expect(KernelPanic.isReportLine("? __fget_light+0x9d/0x100"))
        #expect(KernelPanic.isReportLine("rootkit_write+0x10/0x20 [vigil_rootkit]"))
        #expect(KernelPanic.isReportLine("__handle_sysrq.cold+0x44/0x11c"))
        #expect(!KernelPanic.isReportLine("WARNING: CPU: 1 PID: 9 at kernel/smp.c:1 x+0x1/0x2"))
        #expect(!KernelPanic.isReportLine("BUG: kernel NULL pointer dereference, address: 0000000000000008"))
        #expect(!KernelPanic.isReportLine("Oops: 0002 [#1] PREEMPT SMP NOPTI"))
    }

    @Test func noPanicNoReport() {
        #expect(KernelPanic.first(inConsoleText: "[ 1.0] Linux version 6.1\nlab: verdict pass\n") == nil)
    }

    @Test func panicWithoutStampOrTrigger() throws {
        let panic = try #require(KernelPanic.first(in: ["Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000000"]))
        #expect(panic.reason == "Attempted to kill init! exitcode=0x00000000")
        #expect(!panic.isSysrqCrash)
        #expect(panic.uptimeMilliseconds == nil)
        #expect(panic.latencyMilliseconds == nil)
        #expect(panic.evidence == ["trigger": "other"])
    }
}
