/// Where a sensor caught a violation (`enum vigil_hook` in the BPF ABI).
public enum SensorHook: UInt32, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The bit the BPF side sets when the fentry fallback caught it (`VIGIL_HOOK_FALLBACK`).
    public static let fallbackFlag: UInt32 = 0x100

    case none = 0
    case fileOpen, inodeSetattr, inodeCreate, inodeUnlink, inodeRename, bprmCheck, taskKill, ptraceAccess, capable
    case socketCreate, socketBind, socketConnect, kernelReadFile, kernelLoadData, taskAlloc, taskFixSetuid
    case taskFixSetgid, taskPrctl, sbMount, commitCreds, switchNamespaces, sweep

    public var description: String {
        switch self {
        case .none: "none"
        case .fileOpen: "lsm/file_open"
        case .inodeSetattr: "lsm/inode_setattr"
        case .inodeCreate: "lsm/inode_create"
        case .inodeUnlink: "lsm/inode_unlink"
        case .inodeRename: "lsm/inode_rename"
        case .bprmCheck: "lsm/bprm_check_security"
        case .taskKill: "lsm/task_kill"
        case .ptraceAccess: "lsm/ptrace_access_check"
        case .capable: "lsm/capable"
        case .socketCreate: "lsm/socket_create"
        case .socketBind: "lsm/socket_bind"
        case .socketConnect: "lsm/socket_connect"
        case .kernelReadFile: "lsm/kernel_read_file"
        case .kernelLoadData: "lsm/kernel_load_data"
        case .taskAlloc: "lsm/task_alloc"
        case .taskFixSetuid: "lsm/task_fix_setuid"
        case .taskFixSetgid: "lsm/task_fix_setgid"
        case .taskPrctl: "lsm/task_prctl"
        case .sbMount: "lsm/sb_mount"
        case .commitCreds: "fentry/commit_creds"
        case .switchNamespaces: "fentry/switch_task_namespaces"
        case .sweep: "sweep"
        }
    }

    /// The kernel function the fentry fallback attaches to, for the LSM hooks
    /// (used when the BPF LSM is not active); nil for the other hooks.
    public var fallbackFunction: String? {
        switch self {
        case .bprmCheck: return "security_bprm_check"
        case .none, .commitCreds, .switchNamespaces, .sweep: return nil
        default:
            let name = description
            guard name.hasPrefix("lsm/") else { return nil }
            return "security_" + name.dropFirst(4)
        }
    }
}
