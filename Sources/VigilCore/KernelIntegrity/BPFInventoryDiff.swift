/// What changed among the BPF programs that hook the kernel between two
/// inventories: each new one is reported with what it is attached to and the
/// uid that loaded it, each one gone as removed. Programs that only filter
/// packets or manage cgroups are left out: they do not hook kernel functions.
public enum BPFInventoryDiff {
    /// Program types that attach to kernel functions, tracepoints or LSM hooks.
    public static let hookingTypes: Set<String> = [
        "kprobe", "tracepoint", "raw_tracepoint", "raw_tracepoint_writable", "perf_event", "tracing", "lsm", "ext",
    ]

    public static func findings(from previous: BPFInventorySnapshot, to current: BPFInventorySnapshot, trigger: KernelCheckTrigger) -> [KernelIntegrityFinding] {
        let before = Set(previous.programs.map(\.id))
        let after = Set(current.programs.map(\.id))
        var findings: [KernelIntegrityFinding] = []
        for program in current.programs.sorted(by: { $0.id < $1.id }) where !before.contains(program.id) && hookingTypes.contains(program.type) {
            findings.append(KernelIntegrityFinding(
                kind: .hookAdded, check: .bpf, trigger: trigger, region: "BPF", symbol: label(program),
                actual: attachment(of: program, in: current), detail: "loaded by uid \(program.createdByUID)"
            ))
        }
        for program in previous.programs.sorted(by: { $0.id < $1.id }) where !after.contains(program.id) && hookingTypes.contains(program.type) {
            findings.append(KernelIntegrityFinding(kind: .hookRemoved, check: .bpf, trigger: trigger, region: "BPF", symbol: label(program)))
        }
        return findings
    }

    static func label(_ program: BPFProgramRecord) -> String {
        "\(program.type) program \(program.name.isEmpty ? "#\(program.id)" : program.name) (id \(program.id))"
    }

    /// In words, what the program is attached to: its links' targets, or its attach function.
    static func attachment(of program: BPFProgramRecord, in snapshot: BPFInventorySnapshot) -> String {
        let targets = snapshot.links(ofProgram: program.id).compactMap { link in link.detail ?? link.attachType }
        if !targets.isEmpty { return "attached to " + targets.joined(separator: ", ") }
        if let name = program.attachBTFName { return "for \(name)" }
        return "attachment not listed"
    }
}
