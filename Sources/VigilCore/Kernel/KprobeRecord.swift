/// One registered kprobe, as debugfs `kprobes/list` reports it. Every kprobe
/// in the kernel is listed, whoever registered it: trace events, BPF, perf,
/// or a module calling `register_kprobe` directly.
public struct KprobeRecord: Equatable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// `k`: a kprobe on an instruction.
        case kprobe = "k"
        /// `r`: the entry half of a kretprobe.
        case kretprobe = "r"
    }

    /// The bracketed tags at the end of the line.
    public struct Flags: OptionSet, Hashable, Sendable, Codable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// `[GONE]`: the probed code was unloaded (its module went away).
        public static let gone = Flags(rawValue: 1 << 0)
        /// `[DISABLED]`: registered but not armed.
        public static let disabled = Flags(rawValue: 1 << 1)
        /// `[OPTIMIZED]`: the breakpoint was replaced by a jump (optprobe).
        public static let optimized = Flags(rawValue: 1 << 2)
        /// `[FTRACE]`: placed on an ftrace call site, so it also shows in `enabled_functions`.
        public static let ftrace = Flags(rawValue: 1 << 3)

        public init?(tag: Substring) {
            switch tag {
            case "GONE": self = .gone
            case "DISABLED": self = .disabled
            case "OPTIMIZED": self = .optimized
            case "FTRACE": self = .ftrace
            default: return nil
            }
        }
    }

    /// The probed address; zero when the reader may not see kernel addresses.
    public var address: UInt64
    public var kind: Kind
    /// The symbol that contains the probe; nil when the kernel found none and
    /// printed only the address.
    public var symbol: String?
    /// Distance of the probe from the start of `symbol`.
    public var offset: UInt64
    /// The module that owns the probed code, nil for the core kernel.
    public var module: String?
    public var flags: Flags

    /// Where it probes, as `symbol+0xoffset` (the address in hex when no symbol is known).
    public var location: String {
        guard let symbol else { return String(address, radix: 16) }
        return offset == 0 ? symbol : "\(symbol)+0x\(String(offset, radix: 16))"
    }

    public init(address: UInt64, kind: Kind, symbol: String?, offset: UInt64 = 0, module: String? = nil, flags: Flags = []) {
        self.address = address
        self.kind = kind
        self.symbol = symbol
        self.offset = offset
        self.module = module
        self.flags = flags
    }
}
