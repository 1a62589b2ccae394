import Testing
@testable import VigilLab

@Suite("Kernel trouble on the console and in dmesg")
struct KernelTroubleScannerTests {
    let scanner = KernelTroubleScanner()

    @Test(arguments: [
        "[    1.51] Oops: int3: 0000 [#1] PREEMPT SMP NOPTI",
        "[    3.00] BUG: unable to handle page fault for address: 0000000000001000",
        "[    4.00] Kernel panic - not syncing: Fatal exception in interrupt",
        "[    5.00] WARNING: CPU: 1 PID: 345 at kernel/cred.c:12 commit_creds+0x10/0x20",
        "[    6.00] general protection fault, probably for non-canonical address",
    ])
    func findsEachPattern(line: String) {
        #expect(scanner.scan(["fine", line], source: .dmesg) == [
            KernelTrouble(source: .dmesg, line: 2, pattern: scanner.patterns.first { line.contains($0) } ?? "", text: line),
        ])
    }

    @Test func ignoresOrdinaryBootLines() {
        let lines = [
            "[    0.000000] Kernel command line: console=ttyS0 quiet loglevel=4 panic=-1",
            "[    0.100000] ACPI Warning: something benign",
            "lab: scenario smoke/boot on 6.1.0-56-amd64",
            "oops in lower case from a user program",
        ]
        #expect(scanner.scan(lines, source: .console).isEmpty)
    }

    @Test func splitsConsoleTextOnCarriageReturnLineFeeds() {
        let console = "line one\r\n[    1.5] Oops: int3\r\nline three\r\n"
        let found = scanner.scan(consoleText: console)
        #expect(found.map(\.line) == [2])
        #expect(found.first?.text == "[    1.5] Oops: int3")
        #expect(found.first?.description == "console line 2: [    1.5] Oops: int3")
    }

    @Test func logLines() {
        #expect(LogLines.split("a\r\nb\n\nc\n") == ["a", "b", "", "c"])
        #expect(LogLines.split("") == [])
        #expect(LogLines.tail("1\n2\n3\n4\n", count: 2) == ["3", "4"])
        #expect(LogLines.tail("1\n", count: 30) == ["1"])
    }
}
