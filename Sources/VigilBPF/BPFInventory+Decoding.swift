import CLibBPF
import VigilCore

/// Turning the kernel's info structs into inventory records. Pure: no system
/// calls, so the tests can fill in a struct and check the record.
extension BPFInventory {
    /// The record for a filled-in `struct bpf_prog_info`.
    /// - Parameter attachBTFName: the name of the attach target, resolved by the caller.
    static func programRecord(_ info: bpf_prog_info, attachBTFName: String? = nil) -> BPFProgramRecord {
        BPFProgramRecord(
            id: info.id,
            type: BPFTypeNames.programType(info.type),
            name: cString(of: info.name),
            tag: hex(of: info.tag),
            loadTimeNanoseconds: info.load_time,
            createdByUID: info.created_by_uid,
            btfID: info.btf_id,
            attachBTFObjectID: info.attach_btf_obj_id,
            attachBTFID: info.attach_btf_id,
            attachBTFName: attachBTFName
        )
    }

    /// The record for a filled-in `struct bpf_link_info`.
    /// - Parameters:
    ///   - programType: the linked program's type name, if known; an `ext`
    ///     program's tracing link names a program, not an attach type.
    ///   - targetName: a name the caller read or resolved: the tracepoint of a
    ///     raw tracepoint link, the target of an iterator, the function of a tracing link.
    static func linkRecord(_ info: bpf_link_info, programType: String? = nil, targetName: String? = nil) -> BPFLinkRecord {
        var record = BPFLinkRecord(id: info.id, type: BPFTypeNames.linkType(info.type), programID: info.prog_id)
        switch info.type {
        case BPF_LINK_TYPE_RAW_TRACEPOINT.rawValue, BPF_LINK_TYPE_ITER.rawValue:
            record.detail = targetName
        case BPF_LINK_TYPE_TRACING.rawValue:
            record.targetObjectID = info.tracing.target_obj_id
            record.targetBTFID = info.tracing.target_btf_id
            if programType == "ext" {
                record.detail = targetName ?? "replaces a function of program \(info.tracing.target_obj_id)"
            } else {
                record.attachType = BPFTypeNames.attachType(info.tracing.attach_type)
                record.detail = targetName
            }
        case BPF_LINK_TYPE_CGROUP.rawValue:
            record.attachType = BPFTypeNames.attachType(info.cgroup.attach_type)
            record.detail = "cgroup \(info.cgroup.cgroup_id)"
        case BPF_LINK_TYPE_NETNS.rawValue:
            record.attachType = BPFTypeNames.attachType(info.netns.attach_type)
            record.detail = "netns \(info.netns.netns_ino)"
        case BPF_LINK_TYPE_XDP.rawValue:
            record.detail = "ifindex \(info.xdp.ifindex)"
        default:
            record.detail = targetName
        }
        return record
    }

    /// The text of a NUL-terminated C array held in a struct (a tuple in Swift).
    static func cString<Storage>(of storage: Storage) -> String {
        withUnsafeBytes(of: storage) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    static func hex<Storage>(of storage: Storage) -> String {
        withUnsafeBytes(of: storage) { bytes in
            bytes.map { byte in
                let digits = String(byte, radix: 16)
                return byte < 16 ? "0" + digits : digits
            }.joined()
        }
    }
}
