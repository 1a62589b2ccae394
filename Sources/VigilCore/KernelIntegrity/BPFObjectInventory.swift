/// A BPF program loaded in the kernel, as `BPF_OBJ_GET_INFO_BY_FD` describes it.
///
/// Programs are what a rootkit loads to hide itself or to tamper with the
/// kernel's answers; the inventory lets a baseline say which ones belong.
public struct BPFProgramRecord: Sendable, Codable, Hashable {
    /// The kernel's id for the program (`bpftool prog` shows the same).
    public var id: UInt32
    /// The program type as libbpf names it: `"tracing"`, `"lsm"`, `"kprobe"`
    /// (see `BPFTypeNames.programType`).
    public var type: String
    /// The name given at load time (at most 15 characters).
    public var name: String
    /// The kernel's hash of the program's instructions, 16 hex digits.
    public var tag: String
    /// When it was loaded, in nanoseconds since boot (`CLOCK_BOOTTIME`).
    public var loadTimeNanoseconds: UInt64
    public var createdByUID: UInt32
    /// The id of the program's own BTF object; 0 when it has none.
    public var btfID: UInt32
    /// The kernel BTF object (vmlinux or a module) the program was loaded to attach to; 0 when none.
    public var attachBTFObjectID: UInt32
    /// The type id of its attach target inside that object; 0 when none.
    public var attachBTFID: UInt32
    /// The name of that target, such as `bpf_lsm_file_open`, when it could be resolved.
    public var attachBTFName: String?

    public init(
        id: UInt32, type: String, name: String, tag: String, loadTimeNanoseconds: UInt64,
        createdByUID: UInt32, btfID: UInt32, attachBTFObjectID: UInt32 = 0, attachBTFID: UInt32 = 0,
        attachBTFName: String? = nil
    ) {
        self.id = id
        self.type = type
        self.name = name
        self.tag = tag
        self.loadTimeNanoseconds = loadTimeNanoseconds
        self.createdByUID = createdByUID
        self.btfID = btfID
        self.attachBTFObjectID = attachBTFObjectID
        self.attachBTFID = attachBTFID
        self.attachBTFName = attachBTFName
    }
}

/// A BPF link: what keeps a program attached to a hook.
public struct BPFLinkRecord: Sendable, Codable, Hashable {
    public var id: UInt32
    /// The link type as libbpf names it: `"tracing"`, `"raw_tracepoint"`,
    /// `"perf_event"`, `"kprobe_multi"`, `"iter"`, `"cgroup"`, `"netns"`, `"xdp"` …
    /// (see `BPFTypeNames.linkType`).
    public var type: String
    /// The id of the attached program.
    public var programID: UInt32
    /// The attach type as libbpf names it (`"trace_fentry"`, `"lsm_mac"`,
    /// `"cgroup_inet_ingress"`), for the link types that report one.
    public var attachType: String?
    /// For tracing links: the BTF object holding the target (or, for `ext`
    /// programs, the id of the program being replaced).
    public var targetObjectID: UInt32?
    /// For tracing links: the target's type id inside that object.
    public var targetBTFID: UInt32?
    /// What the link is attached to, in words, when known: a tracepoint or
    /// function name, an iterator target, `"cgroup 1234"`, `"ifindex 2"`.
    public var detail: String?

    public init(
        id: UInt32, type: String, programID: UInt32, attachType: String? = nil,
        targetObjectID: UInt32? = nil, targetBTFID: UInt32? = nil, detail: String? = nil
    ) {
        self.id = id
        self.type = type
        self.programID = programID
        self.attachType = attachType
        self.targetObjectID = targetObjectID
        self.targetBTFID = targetBTFID
        self.detail = detail
    }
}

/// Every BPF program and link the kernel reported at one moment, by id.
public struct BPFInventorySnapshot: Sendable, Codable, Hashable {
    public var programs: [BPFProgramRecord]
    public var links: [BPFLinkRecord]

    public init(programs: [BPFProgramRecord], links: [BPFLinkRecord]) {
        self.programs = programs
        self.links = links
    }

    public func program(id: UInt32) -> BPFProgramRecord? {
        programs.first { $0.id == id }
    }

    /// The links that keep program `id` attached.
    public func links(ofProgram id: UInt32) -> [BPFLinkRecord] {
        links.filter { $0.programID == id }
    }
}
