/// The CR4 bits Vigil watches: those that keep the kernel from running or
/// reading user memory (SMEP, SMAP) and user space from reading descriptor
/// tables (UMIP). An exploit that gains a kernel write clears them first.
public struct ControlRegister4: OptionSet, Sendable, Hashable, Codable {
    public var rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// `X86_CR4_UMIP` (bit 11): `sgdt`, `sidt`, `sldt`, `smsw`, `str` fault in user mode.
    public static let umip = ControlRegister4(rawValue: 1 << 11)
    /// `X86_CR4_SMEP` (bit 20): the kernel faults when it executes user pages.
    public static let smep = ControlRegister4(rawValue: 1 << 20)
    /// `X86_CR4_SMAP` (bit 21): the kernel faults when it touches user pages outside `stac`/`clac`.
    public static let smap = ControlRegister4(rawValue: 1 << 21)
    /// `X86_CR4_PAE` (bit 5): always set in long mode; a value without it is not CR4.
    public static let pae = ControlRegister4(rawValue: 1 << 5)

    /// The watched bits one by one, in bit order.
    public static let watched: [ControlRegister4] = [.umip, .smep, .smap]

    /// The name of a single bit, as in `/proc/cpuinfo` but upper case.
    public var name: String {
        switch self {
        case .umip: "UMIP"
        case .smep: "SMEP"
        case .smap: "SMAP"
        case .pae: "PAE"
        default: "0x" + String(rawValue, radix: 16)
        }
    }

    /// The `/proc/cpuinfo` flag that says the CPU has (and the kernel uses) a watched bit's feature.
    public var cpuinfoFlag: String { name.lowercased() }

    /// The watched bits that are in this set, in bit order.
    public var members: [ControlRegister4] {
        Self.watched.filter { contains($0) }
    }

    /// "SMEP, SMAP", or "none".
    public var names: String {
        let list = members.map(\.name)
        return list.isEmpty ? "none" : list.joined(separator: ", ")
    }
}
