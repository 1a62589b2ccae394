import Testing
import VigilCore
@testable import VigilCLI

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How `vigil check --kernel-integrity` shows what the CPU-state check covers.
@Suite("vigil check --kernel-integrity rendering")
struct KernelIntegritySnapshotTests {
    static let result = KernelIntegritySnapshot.Result(
        covered: ["core text", "rodata"], bytes: 100, patchSites: ["jump labels": 2], systemCalls: 3,
        gaps: ["kprobes: debugfs is not mounted"],
        cpuState: [
            CPUStateCoverage.Item(item: "MSRs", covered: false, detail: "/dev/cpu/0/msr is missing (load the msr module)"),
            CPUStateCoverage.Item(item: "CR4", covered: true, detail: "UMIP, SMEP, SMAP in the kernel shadow cpu_tlbstate.cr4 on 2 CPUs"),
            CPUStateCoverage.controlRegister0,
        ],
        findings: [], tampered: false
    )

    @Test func textSaysWhatIsCoveredAndWhatNot() {
        let text = KernelIntegritySnapshot.render(Self.result)
        #expect(text.contains("""
              not covered: kprobes: debugfs is not mounted
              CPU state:
                not covered: MSRs: /dev/cpu/0/msr is missing (load the msr module)
                covered: CR4: UMIP, SMEP, SMAP in the kernel shadow cpu_tlbstate.cr4 on 2 CPUs
                not covered: CR0.WP: the kernel keeps no copy of CR0
            """))
    }

    struct Decoded: Decodable {
        var cpuState: [CPUStateCoverage.Item]
    }

    @Test func jsonHasTheItems() throws {
        let decoded = try JSONDecoder().decode(Decoded.self, from: Data(try CheckReportProducer.json(Self.result).utf8))
        #expect(decoded.cpuState == Self.result.cpuState)
    }
}
