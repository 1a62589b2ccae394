import CLibBPF
import VigilCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Lists the BPF programs and links loaded in the kernel, as `bpftool prog`
/// and `bpftool link` do: walk the ids (`BPF_PROG_GET_NEXT_ID`), open each
/// (`BPF_PROG_GET_FD_BY_ID`), ask for its info (`BPF_OBJ_GET_INFO_BY_FD`) and
/// close it again.
///
/// Only reads: nothing is loaded, attached or changed. Needs `CAP_SYS_ADMIN`.
public enum BPFInventory {
    /// Every program and link, in id order. An object that disappears while
    /// being listed is left out; any other failure throws. Naming the functions
    /// tracing programs attach to parses kernel BTF (megabytes): pass
    /// `namingTargets: false` for a cheap listing.
    public static func snapshot(namingTargets: Bool = true) throws(BPFError) -> BPFInventorySnapshot {
        let names: KernelBTFNames? = namingTargets ? KernelBTFNames() : nil
        var programs: [BPFProgramRecord] = []
        for id in try ids(of: .program) {
            guard let info = try programInfo(id: id) else { continue }
            let target = info.attach_btf_obj_id == 0 ? nil : names?.name(object: info.attach_btf_obj_id, type: info.attach_btf_id)
            programs.append(programRecord(info, attachBTFName: target))
        }
        let programsByID = Dictionary(programs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var links: [BPFLinkRecord] = []
        for id in try ids(of: .link) {
            guard let (info, name) = try linkInfo(id: id) else { continue }
            let program = programsByID[info.prog_id]
            links.append(linkRecord(info, programType: program?.type, targetName: name ?? tracingTarget(info, program: program, names: names)))
        }
        return BPFInventorySnapshot(programs: programs, links: links)
    }

    // MARK: - Internals

    enum ObjectKind: String {
        case program, link
    }

    /// The ids of every object of `kind`, ascending.
    static func ids(of kind: ObjectKind) throws(BPFError) -> [UInt32] {
        var ids: [UInt32] = []
        var current: UInt32 = 0
        while true {
            var next: UInt32 = 0
            let result = switch kind {
            case .program: bpf_prog_get_next_id(current, &next)
            case .link: bpf_link_get_next_id(current, &next)
            }
            if result == -ENOENT { return ids }
            guard result == 0 else { throw BPFError(operation: "list BPF \(kind.rawValue)s after id \(current)", errno: -result) }
            ids.append(next)
            current = next
        }
    }

    /// The info of program `id`, or `nil` when it was unloaded meanwhile.
    static func programInfo(id: UInt32) throws(BPFError) -> bpf_prog_info? {
        let descriptor = bpf_prog_get_fd_by_id(id)
        if descriptor == -ENOENT { return nil }
        guard descriptor >= 0 else { throw BPFError(operation: "open BPF program \(id)", errno: -descriptor) }
        defer { close(descriptor) }
        var info = bpf_prog_info()
        let result = objectInfo(descriptor, &info)
        guard result == 0 else { throw BPFError(operation: "read info of BPF program \(id)", errno: -result) }
        return info
    }

    /// The info of link `id` and, for raw tracepoint and iterator links, the
    /// name of the tracepoint or iterator target; `nil` when it was destroyed meanwhile.
    static func linkInfo(id: UInt32) throws(BPFError) -> (bpf_link_info, String?)? {
        let descriptor = bpf_link_get_fd_by_id(id)
        if descriptor == -ENOENT { return nil }
        guard descriptor >= 0 else { throw BPFError(operation: "open BPF link \(id)", errno: -descriptor) }
        defer { close(descriptor) }
        var info = bpf_link_info()
        var result = objectInfo(descriptor, &info)
        guard result == 0 else { throw BPFError(operation: "read info of BPF link \(id)", errno: -result) }
        // The first call reports how long the name is; the second fills a buffer that long.
        let length: UInt32 = switch info.type {
        case BPF_LINK_TYPE_RAW_TRACEPOINT.rawValue: info.raw_tracepoint.tp_name_len
        case BPF_LINK_TYPE_ITER.rawValue: info.iter.target_name_len
        default: 0
        }
        guard length > 0, length < 1 << 16 else { return (info, nil) }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        var named = bpf_link_info()
        result = buffer.withUnsafeMutableBufferPointer { name in
            let address = UInt64(UInt(bitPattern: name.baseAddress))
            if info.type == BPF_LINK_TYPE_RAW_TRACEPOINT.rawValue {
                named.raw_tracepoint.tp_name = address
                named.raw_tracepoint.tp_name_len = UInt32(name.count)
            } else {
                named.iter.target_name = address
                named.iter.target_name_len = UInt32(name.count)
            }
            return objectInfo(descriptor, &named)
        }
        // The link may be torn down between the two calls; the first answer still stands.
        guard result == 0, named.type == info.type else { return (info, nil) }
        return (named, cString(of: buffer))
    }

    /// The function a tracing link is attached to: the program's own attach
    /// target when the link uses it, else a lookup in kernel BTF.
    static func tracingTarget(_ info: bpf_link_info, program: BPFProgramRecord?, names: KernelBTFNames?) -> String? {
        guard info.type == BPF_LINK_TYPE_TRACING.rawValue, program?.type != "ext" else { return nil }
        let object = info.tracing.target_obj_id
        let type = info.tracing.target_btf_id
        if let program, program.attachBTFObjectID == object, program.attachBTFID == type, let name = program.attachBTFName {
            return name
        }
        // A target object id may name a BPF program (fentry on a program), whose ids are
        // another namespace: only kernel BTF objects are looked up.
        return names?.name(object: object, type: type)
    }

    /// `bpf_obj_get_info_by_fd` for an info struct of type `Info`.
    /// (Only for the kernel's plain C info structs.)
    static func objectInfo<Info>(_ descriptor: Int32, _ info: inout Info) -> Int32 {
        var length = UInt32(MemoryLayout<Info>.size)
        return withUnsafeMutableBytes(of: &info) { bpf_obj_get_info_by_fd(descriptor, $0.baseAddress, &length) }
    }

    static func cString(of buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
