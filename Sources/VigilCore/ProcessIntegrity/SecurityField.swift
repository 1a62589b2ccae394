/// The fields of a task's security state the guard compares, with the bit each
/// has in the BPF ABI (`enum vigil_field` in bpf/include/vigil_abi.h).
public enum SecurityField: Int, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case uid = 0, euid, suid, fsuid, gid, egid, sgid, fsgid
    case securebits, groupCount
    case capInheritable, capPermitted, capEffective, capBounding, capAmbient
    case cred, realCred, userNamespace, groupInfo
    case nsproxy, utsNamespace, ipcNamespace, mountNamespace, pidNamespaceForChildren, netNamespace, cgroupNamespace, timeNamespace
    case seccompMode, seccompFilter, noNewPrivileges

    public var bit: UInt64 { 1 << UInt64(rawValue) }

    /// The fields whose bits are set in `mask`, in ABI order. Unknown bits are ignored.
    public static func fields(in mask: UInt64) -> [SecurityField] {
        allCases.filter { mask & $0.bit != 0 }
    }

    /// The name used in events and logs (the kernel's own where it has one).
    public var description: String {
        switch self {
        case .uid: "uid"
        case .euid: "euid"
        case .suid: "suid"
        case .fsuid: "fsuid"
        case .gid: "gid"
        case .egid: "egid"
        case .sgid: "sgid"
        case .fsgid: "fsgid"
        case .securebits: "securebits"
        case .groupCount: "ngroups"
        case .capInheritable: "cap_inheritable"
        case .capPermitted: "cap_permitted"
        case .capEffective: "cap_effective"
        case .capBounding: "cap_bset"
        case .capAmbient: "cap_ambient"
        case .cred: "cred"
        case .realCred: "real_cred"
        case .userNamespace: "user_ns"
        case .groupInfo: "group_info"
        case .nsproxy: "nsproxy"
        case .utsNamespace: "uts_ns"
        case .ipcNamespace: "ipc_ns"
        case .mountNamespace: "mnt_ns"
        case .pidNamespaceForChildren: "pid_ns_for_children"
        case .netNamespace: "net_ns"
        case .cgroupNamespace: "cgroup_ns"
        case .timeNamespace: "time_ns"
        case .seccompMode: "seccomp_mode"
        case .seccompFilter: "seccomp_filter"
        case .noNewPrivileges: "no_new_privs"
        }
    }

    /// Kernel pointers: shown only at debug level, never in ordinary alerts.
    public var isKernelAddress: Bool {
        switch self {
        case .cred, .realCred, .userNamespace, .groupInfo, .nsproxy, .utsNamespace, .ipcNamespace, .mountNamespace,
             .pidNamespaceForChildren, .netNamespace, .cgroupNamespace, .timeNamespace, .seccompFilter:
            true
        default:
            false
        }
    }
}
