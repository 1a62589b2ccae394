/// A model-specific register Vigil watches: those that decide where the CPU
/// enters the kernel on a system call (`SYSCALL`, `SYSENTER`) and with which
/// segments and stack. Raw values are the register numbers (`rdmsr`'s ECX),
/// which are also the offsets the msr driver reads them at.
public enum ModelSpecificRegister: UInt32, Sendable, Codable, CaseIterable, Comparable {
    /// `IA32_SYSENTER_CS`: the kernel code segment of `SYSENTER`.
    case sysenterCS = 0x174
    /// `IA32_SYSENTER_ESP`: the kernel stack of `SYSENTER`, per CPU (`cpu_entry_stack(cpu) + 1`).
    case sysenterESP = 0x175
    /// `IA32_SYSENTER_EIP`: where `SYSENTER` enters the kernel (`entry_SYSENTER_compat`).
    case sysenterEIP = 0x176
    /// `IA32_STAR`: the segments of `SYSCALL` and `SYSRET`.
    case star = 0xC000_0081
    /// `IA32_LSTAR`: where 64-bit `SYSCALL` enters the kernel (`entry_SYSCALL_64`).
    case lstar = 0xC000_0082
    /// `IA32_CSTAR`: where `SYSCALL` from compatibility mode enters (`entry_SYSCALL_compat`; AMD only).
    case cstar = 0xC000_0083

    /// The architectural name, as in the SDM and in findings.
    public var name: String {
        switch self {
        case .sysenterCS: "IA32_SYSENTER_CS"
        case .sysenterESP: "IA32_SYSENTER_ESP"
        case .sysenterEIP: "IA32_SYSENTER_EIP"
        case .star: "IA32_STAR"
        case .lstar: "IA32_LSTAR"
        case .cstar: "IA32_CSTAR"
        }
    }

    /// The register number.
    public var number: UInt32 { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
