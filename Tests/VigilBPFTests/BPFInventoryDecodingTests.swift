import CLibBPF
import Testing
import VigilCore
@testable import VigilBPF

/// The pure half of `BPFInventory`: info structs filled in here, as the kernel
/// would, decode to the records a baseline compares. No BPF system call runs.
@Suite("BPF inventory decoding")
struct BPFInventoryDecodingTests {
    @Test func programTypesAreNamedAsLibbpfNamesThem() {
        #expect(BPFTypeNames.programType(BPF_PROG_TYPE_KPROBE.rawValue) == "kprobe")
        #expect(BPFTypeNames.programType(BPF_PROG_TYPE_TRACING.rawValue) == "tracing")
        #expect(BPFTypeNames.programType(BPF_PROG_TYPE_LSM.rawValue) == "lsm")
        #expect(BPFTypeNames.programType(BPF_PROG_TYPE_SYSCALL.rawValue) == "syscall")
        #expect(BPFTypeNames.programType(32) == "netfilter")
        #expect(BPFTypeNames.programType(33) == "unknown(33)")
        // Every number the linked libbpf knows has the same name here (libbpf 1.1 stops at syscall).
        for value in 0..<UInt32(BPFTypeNames.programTypes.count) {
            guard let known = libbpf_bpf_prog_type_str(bpf_prog_type(value)) else { continue }
            #expect(BPFTypeNames.programType(value) == String(cString: known), "prog type \(value)")
        }
    }

    @Test func linkTypesAreNamedAsLibbpfNamesThem() {
        #expect(BPFTypeNames.linkType(BPF_LINK_TYPE_TRACING.rawValue) == "tracing")
        #expect(BPFTypeNames.linkType(BPF_LINK_TYPE_RAW_TRACEPOINT.rawValue) == "raw_tracepoint")
        #expect(BPFTypeNames.linkType(BPF_LINK_TYPE_PERF_EVENT.rawValue) == "perf_event")
        #expect(BPFTypeNames.linkType(BPF_LINK_TYPE_KPROBE_MULTI.rawValue) == "kprobe_multi")
        #expect(BPFTypeNames.linkType(11) == "tcx")
        #expect(BPFTypeNames.linkType(14) == "sockmap")
        #expect(BPFTypeNames.linkType(99) == "unknown(99)")
        for value in 0..<UInt32(BPFTypeNames.linkTypes.count) {
            guard let known = libbpf_bpf_link_type_str(bpf_link_type(value)) else { continue }
            #expect(BPFTypeNames.linkType(value) == String(cString: known), "link type \(value)")
        }
    }

    @Test func attachTypesAreNamedAsLibbpfNamesThem() {
        #expect(BPFTypeNames.attachType(BPF_TRACE_FENTRY.rawValue) == "trace_fentry")
        #expect(BPFTypeNames.attachType(BPF_LSM_MAC.rawValue) == "lsm_mac")
        #expect(BPFTypeNames.attachType(BPF_CGROUP_INET_INGRESS.rawValue) == "cgroup_inet_ingress")
        #expect(BPFTypeNames.attachType(BPF_LSM_CGROUP.rawValue) == "lsm_cgroup")
        #expect(BPFTypeNames.attachType(46) == "tcx_ingress")
        for value in 0..<UInt32(BPFTypeNames.attachTypes.count) {
            guard let known = libbpf_bpf_attach_type_str(bpf_attach_type(value)) else { continue }
            #expect(BPFTypeNames.attachType(value) == String(cString: known), "attach type \(value)")
        }
    }

    @Test func programInfoDecodes() {
        var info = bpf_prog_info()
        info.type = BPF_PROG_TYPE_LSM.rawValue
        info.id = 42
        withUnsafeMutableBytes(of: &info.tag) { $0.copyBytes(from: [0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x0a, 0xff]) }
        withUnsafeMutableBytes(of: &info.name) { $0.copyBytes(from: Array("vigil_file_open".utf8)) }
        info.load_time = 12_345_678_900
        info.created_by_uid = 0
        info.btf_id = 7
        info.attach_btf_obj_id = 1
        info.attach_btf_id = 51_234

        let record = BPFInventory.programRecord(info, attachBTFName: "bpf_lsm_file_open")
        #expect(record == BPFProgramRecord(
            id: 42, type: "lsm", name: "vigil_file_open", tag: "deadbeef00010aff",
            loadTimeNanoseconds: 12_345_678_900, createdByUID: 0, btfID: 7,
            attachBTFObjectID: 1, attachBTFID: 51_234, attachBTFName: "bpf_lsm_file_open"
        ))
    }

    @Test func aFullLengthNameHasNoTerminator() {
        var info = bpf_prog_info()
        info.type = 99
        withUnsafeMutableBytes(of: &info.name) { $0.copyBytes(from: Array("sixteen_chars_xx".utf8)) }
        let record = BPFInventory.programRecord(info)
        #expect(record.name == "sixteen_chars_xx")
        #expect(record.type == "unknown(99)")
        #expect(record.tag == "0000000000000000")
        #expect(record.attachBTFName == nil)
    }

    @Test func tracingLinksCarryTheirTarget() {
        var info = bpf_link_info()
        info.type = BPF_LINK_TYPE_TRACING.rawValue
        info.id = 9
        info.prog_id = 42
        info.tracing.attach_type = BPF_LSM_MAC.rawValue
        info.tracing.target_obj_id = 1
        info.tracing.target_btf_id = 51_234
        let record = BPFInventory.linkRecord(info, programType: "lsm", targetName: "bpf_lsm_file_open")
        #expect(record == BPFLinkRecord(
            id: 9, type: "tracing", programID: 42, attachType: "lsm_mac",
            targetObjectID: 1, targetBTFID: 51_234, detail: "bpf_lsm_file_open"
        ))
    }

    @Test func anExtensionLinkNamesTheProgramItReplaces() {
        var info = bpf_link_info()
        info.type = BPF_LINK_TYPE_TRACING.rawValue
        info.prog_id = 5
        info.tracing.target_obj_id = 3
        info.tracing.target_btf_id = 12
        let record = BPFInventory.linkRecord(info, programType: "ext")
        #expect(record.attachType == nil)
        #expect(record.targetObjectID == 3)
        #expect(record.detail == "replaces a function of program 3")
    }

    @Test func otherLinksDescribeWhereTheyAttach() {
        var rawTracepoint = bpf_link_info()
        rawTracepoint.type = BPF_LINK_TYPE_RAW_TRACEPOINT.rawValue
        let raw = BPFInventory.linkRecord(rawTracepoint, targetName: "sys_enter")
        #expect(raw.type == "raw_tracepoint")
        #expect(raw.detail == "sys_enter")
        #expect(raw.attachType == nil)
        #expect(raw.targetObjectID == nil)

        var cgroup = bpf_link_info()
        cgroup.type = BPF_LINK_TYPE_CGROUP.rawValue
        cgroup.cgroup.cgroup_id = 1234
        cgroup.cgroup.attach_type = BPF_CGROUP_INET_EGRESS.rawValue
        let attached = BPFInventory.linkRecord(cgroup)
        #expect(attached.attachType == "cgroup_inet_egress")
        #expect(attached.detail == "cgroup 1234")

        var netns = bpf_link_info()
        netns.type = BPF_LINK_TYPE_NETNS.rawValue
        netns.netns.netns_ino = 4_026_531_840
        netns.netns.attach_type = BPF_SK_LOOKUP.rawValue
        #expect(BPFInventory.linkRecord(netns).detail == "netns 4026531840")
        #expect(BPFInventory.linkRecord(netns).attachType == "sk_lookup")

        var xdp = bpf_link_info()
        xdp.type = BPF_LINK_TYPE_XDP.rawValue
        xdp.xdp.ifindex = 2
        #expect(BPFInventory.linkRecord(xdp).detail == "ifindex 2")

        var iterator = bpf_link_info()
        iterator.type = BPF_LINK_TYPE_ITER.rawValue
        #expect(BPFInventory.linkRecord(iterator, targetName: "task").detail == "task")

        var perf = bpf_link_info()
        perf.type = BPF_LINK_TYPE_PERF_EVENT.rawValue
        #expect(BPFInventory.linkRecord(perf) == BPFLinkRecord(id: 0, type: "perf_event", programID: 0))
    }

    @Test func snapshotsFindLinksByProgram() {
        let program = BPFProgramRecord(id: 3, type: "kprobe", name: "p", tag: "00", loadTimeNanoseconds: 1, createdByUID: 0, btfID: 0)
        let snapshot = BPFInventorySnapshot(
            programs: [program],
            links: [BPFLinkRecord(id: 1, type: "perf_event", programID: 3), BPFLinkRecord(id: 2, type: "tracing", programID: 4)]
        )
        #expect(snapshot.program(id: 3) == program)
        #expect(snapshot.program(id: 4) == nil)
        #expect(snapshot.links(ofProgram: 3).map(\.id) == [1])
    }
}
