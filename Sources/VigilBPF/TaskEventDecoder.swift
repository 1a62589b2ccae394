import CVigilABI
import VigilCore

/// Turns the raw records of the event ring (`struct vigil_task_event`) into
/// `TaskIntegrityEvent`s. The layout comes from the shared ABI header, so the
/// decoder and the BPF programs cannot disagree about offsets.
public enum TaskEventDecoder {
    public static let eventSize = MemoryLayout<vigil_task_event>.size

    public enum DecodingError: Error, Equatable, CustomStringConvertible {
        case tooShort(Int)
        case sizeMismatch(declared: UInt32, received: Int)
        case unknownType(UInt32)
        case unknownHook(UInt32)
        case unknownResponse(UInt32)

        public var description: String {
            switch self {
            case .tooShort(let count): "event of \(count) bytes is shorter than its header"
            case .sizeMismatch(let declared, let received): "event declares \(declared) bytes but \(received) arrived"
            case .unknownType(let type): "unknown event type \(type)"
            case .unknownHook(let hook): "unknown hook \(hook)"
            case .unknownResponse(let response): "unknown response \(response)"
            }
        }
    }

    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> TaskIntegrityEvent {
        guard bytes.count >= MemoryLayout<vigil_event_header>.size else { throw .tooShort(bytes.count) }
        let header = bytes.withUnsafeBytes { $0.loadUnaligned(as: vigil_event_header.self) }
        guard Int(header.size) == bytes.count, bytes.count == eventSize else {
            throw .sizeMismatch(declared: header.size, received: bytes.count)
        }
        let kind: TaskIntegrityEvent.Kind
        switch header.type {
        case UInt32(VIGIL_EVENT_TASK_INTEGRITY.rawValue): kind = .stateMismatch
        case UInt32(VIGIL_EVENT_ILLEGAL_TRANSITION.rawValue): kind = .illegalTransition
        default: throw .unknownType(header.type)
        }
        let raw = bytes.withUnsafeBytes { $0.loadUnaligned(as: vigil_task_event.self) }
        let fallback = raw.hook & SensorHook.fallbackFlag != 0
        guard let hook = SensorHook(rawValue: raw.hook & ~SensorHook.fallbackFlag) else { throw .unknownHook(raw.hook) }
        let response: TaskIntegrityEvent.Response
        switch raw.response {
        case UInt32(VIGIL_RESPONSE_LOGGED.rawValue): response = .logged
        case UInt32(VIGIL_RESPONSE_BLOCKED.rawValue): response = .blocked
        case UInt32(VIGIL_RESPONSE_KILLED.rawValue): response = .killed
        default: throw .unknownResponse(raw.response)
        }
        var parents: [TaskIntegrityEvent.ProcessReference] = []
        withUnsafeBytes(of: raw.parents) { buffer in
            let references = buffer.bindMemory(to: vigil_process_ref.self)
            for reference in references.prefix(Int(min(raw.parent_count, UInt32(VIGIL_PARENT_DEPTH)))) {
                parents.append(.init(pid: reference.pid, tid: reference.tid, comm: cString(reference.comm)))
            }
        }
        return TaskIntegrityEvent(
            kind: kind,
            bootNanoseconds: header.boot_ns,
            process: .init(pid: raw.pid, tid: raw.tid, comm: cString(raw.comm)),
            executable: cString(raw.exe),
            parents: parents,
            hook: hook,
            syscall: raw.syscall_nr < 0 ? nil : SystemCall(number: raw.syscall_nr, compat: raw.compat_syscall != 0),
            fields: SecurityField.fields(in: raw.mismatch),
            expected: state(raw.expected),
            actual: state(raw.actual),
            response: response,
            caughtByFallback: fallback
        )
    }

    static func state(_ raw: vigil_task_state) -> TaskSecurityState {
        TaskSecurityState(
            uid: raw.uid, euid: raw.euid, suid: raw.suid, fsuid: raw.fsuid,
            gid: raw.gid, egid: raw.egid, sgid: raw.sgid, fsgid: raw.fsgid,
            securebits: raw.securebits, groupCount: raw.ngroups,
            capInheritable: raw.cap_inheritable, capPermitted: raw.cap_permitted, capEffective: raw.cap_effective,
            capBounding: raw.cap_bset, capAmbient: raw.cap_ambient,
            cred: raw.cred, realCred: raw.real_cred, userNamespace: raw.user_ns, groupInfo: raw.group_info,
            nsproxy: raw.nsproxy, utsNamespace: raw.uts_ns, ipcNamespace: raw.ipc_ns, mountNamespace: raw.mnt_ns,
            pidNamespaceForChildren: raw.pid_ns_for_children, netNamespace: raw.net_ns,
            cgroupNamespace: raw.cgroup_ns, timeNamespace: raw.time_ns,
            seccompFilter: raw.seccomp_filter, seccompMode: raw.seccomp_mode, noNewPrivileges: raw.no_new_privs != 0
        )
    }

    /// A fixed-size C char array (imported as a tuple) up to its first NUL.
    static func cString<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { buffer in
            String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
