import Testing
import VigilCore

extension KernelIntegrityTests {
    @Suite("BPF inventory diff")
    struct BPFInventoryDiffTests {
        static func program(_ id: UInt32, _ type: String, _ name: String, uid: UInt32 = 0, attach: String? = nil) -> BPFProgramRecord {
            BPFProgramRecord(id: id, type: type, name: name, tag: "0011223344556677", loadTimeNanoseconds: 1, createdByUID: uid,
                             btfID: 0, attachBTFObjectID: 0, attachBTFID: 0, attachBTFName: attach)
        }

        @Test func newHookingProgramIsReportedWithItsTargetAndLoader() {
            let before = BPFInventorySnapshot(programs: [Self.program(1, "lsm", "vigil_lsm_file_open")], links: [])
            let after = BPFInventorySnapshot(
                programs: before.programs + [Self.program(7, "kprobe", "snoop", uid: 1000), Self.program(8, "cgroup_skb", "filter")],
                links: [BPFLinkRecord(id: 3, type: "kprobe_multi", programID: 7, detail: "do_sys_openat2")]
            )
            let findings = BPFInventoryDiff.findings(from: before, to: after, trigger: .timer)
            #expect(findings.count == 1, "the packet filter hooks no kernel function")
            #expect(findings.first?.kind == .hookAdded)
            #expect(findings.first?.check == .bpf)
            #expect(findings.first?.symbol == "kprobe program snoop (id 7)")
            #expect(findings.first?.actual == "attached to do_sys_openat2")
            #expect(findings.first?.detail == "loaded by uid 1000")
            #expect(findings.first?.isAlert == false)
        }

        @Test func attachTargetWithoutLinksAndRemovals() {
            let before = BPFInventorySnapshot(programs: [Self.program(1, "tracing", "", attach: "commit_creds")], links: [])
            let after = BPFInventorySnapshot(programs: [Self.program(2, "tracing", "", attach: "commit_creds")], links: [])
            let findings = BPFInventoryDiff.findings(from: before, to: after, trigger: .hookChange)
            #expect(findings.map(\.kind) == [.hookAdded, .hookRemoved])
            #expect(findings.first?.symbol == "tracing program #2 (id 2)")
            #expect(findings.first?.actual == "for commit_creds")
            #expect(findings.last?.symbol == "tracing program #1 (id 1)")
        }

        @Test func unchangedInventoryIsQuiet() {
            let snapshot = BPFInventorySnapshot(programs: [Self.program(1, "lsm", "a")], links: [])
            #expect(BPFInventoryDiff.findings(from: snapshot, to: snapshot, trigger: .timer).isEmpty)
        }
    }
}
