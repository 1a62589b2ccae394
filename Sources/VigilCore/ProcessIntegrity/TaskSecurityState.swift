/// A task's security state as the BPF sensors read it: credentials,
/// capabilities, namespaces and confinement. Kernel pointers only identify
/// objects; they are compared, never followed.
public struct TaskSecurityState: Sendable, Equatable, Codable {
    public var uid: UInt32, euid: UInt32, suid: UInt32, fsuid: UInt32
    public var gid: UInt32, egid: UInt32, sgid: UInt32, fsgid: UInt32
    public var securebits: UInt32
    public var groupCount: Int32
    public var capInheritable: UInt64, capPermitted: UInt64, capEffective: UInt64, capBounding: UInt64, capAmbient: UInt64
    public var cred: UInt64, realCred: UInt64, userNamespace: UInt64, groupInfo: UInt64
    public var nsproxy: UInt64, utsNamespace: UInt64, ipcNamespace: UInt64, mountNamespace: UInt64
    public var pidNamespaceForChildren: UInt64, netNamespace: UInt64, cgroupNamespace: UInt64, timeNamespace: UInt64
    public var seccompFilter: UInt64
    public var seccompMode: Int32
    public var noNewPrivileges: Bool

    public init(
        uid: UInt32 = 0, euid: UInt32 = 0, suid: UInt32 = 0, fsuid: UInt32 = 0,
        gid: UInt32 = 0, egid: UInt32 = 0, sgid: UInt32 = 0, fsgid: UInt32 = 0,
        securebits: UInt32 = 0, groupCount: Int32 = 0,
        capInheritable: UInt64 = 0, capPermitted: UInt64 = 0, capEffective: UInt64 = 0, capBounding: UInt64 = 0, capAmbient: UInt64 = 0,
        cred: UInt64 = 0, realCred: UInt64 = 0, userNamespace: UInt64 = 0, groupInfo: UInt64 = 0,
        nsproxy: UInt64 = 0, utsNamespace: UInt64 = 0, ipcNamespace: UInt64 = 0, mountNamespace: UInt64 = 0,
        pidNamespaceForChildren: UInt64 = 0, netNamespace: UInt64 = 0, cgroupNamespace: UInt64 = 0, timeNamespace: UInt64 = 0,
        seccompFilter: UInt64 = 0, seccompMode: Int32 = 0, noNewPrivileges: Bool = false
    ) {
        self.uid = uid; self.euid = euid; self.suid = suid; self.fsuid = fsuid
        self.gid = gid; self.egid = egid; self.sgid = sgid; self.fsgid = fsgid
        self.securebits = securebits; self.groupCount = groupCount
        self.capInheritable = capInheritable; self.capPermitted = capPermitted; self.capEffective = capEffective
        self.capBounding = capBounding; self.capAmbient = capAmbient
        self.cred = cred; self.realCred = realCred; self.userNamespace = userNamespace; self.groupInfo = groupInfo
        self.nsproxy = nsproxy; self.utsNamespace = utsNamespace; self.ipcNamespace = ipcNamespace; self.mountNamespace = mountNamespace
        self.pidNamespaceForChildren = pidNamespaceForChildren; self.netNamespace = netNamespace
        self.cgroupNamespace = cgroupNamespace; self.timeNamespace = timeNamespace
        self.seccompFilter = seccompFilter; self.seccompMode = seccompMode; self.noNewPrivileges = noNewPrivileges
    }

    /// The value of one field, rendered for evidence: ids in decimal,
    /// capability sets and pointers in hexadecimal.
    public func value(of field: SecurityField) -> String {
        switch field {
        case .uid: "\(uid)"
        case .euid: "\(euid)"
        case .suid: "\(suid)"
        case .fsuid: "\(fsuid)"
        case .gid: "\(gid)"
        case .egid: "\(egid)"
        case .sgid: "\(sgid)"
        case .fsgid: "\(fsgid)"
        case .securebits: hex(UInt64(securebits))
        case .groupCount: "\(groupCount)"
        case .capInheritable: hex(capInheritable)
        case .capPermitted: hex(capPermitted)
        case .capEffective: hex(capEffective)
        case .capBounding: hex(capBounding)
        case .capAmbient: hex(capAmbient)
        case .cred: hex(cred)
        case .realCred: hex(realCred)
        case .userNamespace: hex(userNamespace)
        case .groupInfo: hex(groupInfo)
        case .nsproxy: hex(nsproxy)
        case .utsNamespace: hex(utsNamespace)
        case .ipcNamespace: hex(ipcNamespace)
        case .mountNamespace: hex(mountNamespace)
        case .pidNamespaceForChildren: hex(pidNamespaceForChildren)
        case .netNamespace: hex(netNamespace)
        case .cgroupNamespace: hex(cgroupNamespace)
        case .timeNamespace: hex(timeNamespace)
        case .seccompMode: "\(seccompMode)"
        case .seccompFilter: hex(seccompFilter)
        case .noNewPrivileges: noNewPrivileges ? "1" : "0"
        }
    }

    private func hex(_ value: UInt64) -> String {
        "0x" + String(value, radix: 16)
    }
}
