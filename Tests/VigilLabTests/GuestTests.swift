import Foundation
import Testing
@testable import VigilLab

@Suite("Guest payload and QEMU command line")
struct GuestTests {
    let scenario = Scenario(
        name: "vigil-check",
        group: "smoke",
        expect: .pass,
        timeoutSeconds: 120,
        kernelArguments: ["nokaslr"],
        sections: [.action: "vigil check\n", .verdict: "echo pass\n"]
    )

    @Test func payloadHasMetaAndThePresentSections() {
        let files = ScenarioPayload(scenario: scenario).files
        #expect(files.map(\.path) == ["lab/scenario/meta", "lab/scenario/action.sh", "lab/scenario/verdict.sh"])
        #expect(files[0].contents == """
            LAB_SCENARIO='vigil-check'
            LAB_GROUP='smoke'
            LAB_EXPECT='pass'
            LAB_TIMEOUT='120'
            LAB_DEADLINE_MS='105000'

            """)
        #expect(files[1].executable)
        #expect(!files[0].executable)
    }

    @Test func deadlineKeepsAReserveButNeverVanishes() {
        var short = scenario
        short.timeoutSeconds = 10
        #expect(ScenarioPayload(scenario: short).deadlineMilliseconds == ScenarioPayload.minimumDeadlineMilliseconds)
    }

    @Test func shellQuoting() {
        #expect(ShellQuoting.quote("plain") == "'plain'")
        #expect(ShellQuoting.quote("it's") == "'it'\\''s'")
    }

    @Test func qemuBootsUnderTCGWithTwoSerialPorts() {
        let invocation = QEMUInvocation(
            kernelPath: "/k/vmlinuz",
            initrdPath: "/r/initrd.img",
            consoleLogPath: "/r/console.log",
            resultsLogPath: "/r/a,b/results.log",
            extraKernelArguments: ["nokaslr"]
        )
        let arguments = invocation.arguments
        func value(after option: String) -> [String] {
            arguments.indices.filter { arguments[$0] == option }.map { arguments[$0 + 1] }
        }
        #expect(value(after: "-accel") == ["tcg"])
        #expect(value(after: "-cpu") == ["max"])
        #expect(value(after: "-m") == ["1024"])
        #expect(value(after: "-smp") == ["2"])
        #expect(value(after: "-serial") == ["file:/r/console.log", "file:/r/a,,b/results.log"])
        #expect(value(after: "-kernel") == ["/k/vmlinuz"])
        #expect(value(after: "-initrd") == ["/r/initrd.img"])
        #expect(value(after: "-append") == ["console=ttyS0 quiet loglevel=4 panic=-1 no_timer_check nokaslr"])
        #expect(arguments.contains("-nodefaults"))
        #expect(arguments.contains("-no-reboot"))
        #expect(value(after: "-display") == ["none"])
        var single = invocation
        single.singleThreadedTCG = true
        #expect(single.arguments[1] == "tcg,thread=single")
        #expect(value(after: "-monitor") == ["none"])
    }

    @Test func layoutPaths() {
        let layout = LabLayout(root: "/work/main/")
        #expect(layout.kernelImage(release: "6.1.0-56-amd64") == "/work/main/.lab/cache/kernels/6.1.0-56-amd64/boot/vmlinuz-6.1.0-56-amd64")
        #expect(layout.runDirectory(timestamp: "T", release: "6.1.0-56-amd64", scenario: scenario) == "/work/main/.lab/runs/T/6.1.0-56-amd64/smoke/vigil-check")
        #expect(layout.relative("/work/main/.lab/report.md") == ".lab/report.md")
        #expect(layout.relative("/elsewhere/x") == "/elsewhere/x")
        #expect(layout.defaultVigilBinary == "/work/main/.build/release/vigil")
    }

    @Test func runFolderNamesAreSafeForPathsAndQEMU() {
        let name = RunTimestamp.folderName(for: .init(timeIntervalSince1970: 1_764_225_000))
        #expect(name == "20251127T063000Z")
        #expect(RunTimestamp.iso8601(.init(timeIntervalSince1970: 1_764_225_000)) == "2025-11-27T06:30:00Z")
    }
}
