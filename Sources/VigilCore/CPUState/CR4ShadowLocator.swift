/// Where the kernel keeps each CPU's copy of CR4: `cpu_tlbstate.cr4`, in the
/// CPU's per-CPU area. `cr4_set_bits()` and friends update it with every write
/// through the kernel's own helpers, so it says which bits the kernel believes
/// are set; a direct `mov` to CR4 does not change it.
///
/// The address for CPU n is `__per_cpu_offset[n]` + the per-CPU symbol
/// `cpu_tlbstate` (a small offset where the per-CPU section is zero-based,
/// a kernel address since 6.15) + `offsetof(struct tlb_state, cr4)` from BTF.
public struct CR4ShadowLocator: Sendable, Equatable {
    public static let offsetsSymbol = "__per_cpu_offset"
    public static let stateSymbol = "cpu_tlbstate"
    public static let structure = "tlb_state"
    public static let member = "cr4"

    /// The address of `__per_cpu_offset`, an array of 64-bit offsets indexed by CPU.
    public var offsets: UInt64
    /// The value kallsyms gives `cpu_tlbstate`.
    public var state: UInt64
    /// `offsetof(struct tlb_state, cr4)`.
    public var memberOffset: Int

    public init(offsets: UInt64, state: UInt64, memberOffset: Int) {
        self.offsets = offsets
        self.state = state
        self.memberOffset = memberOffset
    }

    /// The locator from the kernel's symbols, or nil when kallsyms lacks either
    /// symbol (data symbols are listed only with CONFIG_KALLSYMS_ALL).
    public init?(address: (String) -> UInt64?, memberOffset: Int) {
        guard let offsets = address(Self.offsetsSymbol), let state = address(Self.stateSymbol) else { return nil }
        self.init(offsets: offsets, state: state, memberOffset: memberOffset)
    }

    /// The address of CPU `cpu`'s shadow, from its per-CPU offset.
    public func address(cpu: Int, memory: any KernelMemorySource) throws(KernelMemoryError) -> UInt64 {
        let base = try memory.read(offsets &+ UInt64(cpu) &* 8, as: UInt64.self)
        return base &+ state &+ UInt64(memberOffset)
    }

    /// Reads the shadow at `address`; nil when what is there cannot be CR4
    /// (PAE clear: impossible in long mode, so the layout is not what BTF said).
    public static func read(at address: UInt64, memory: any KernelMemorySource) throws(KernelMemoryError) -> UInt64? {
        let value = try memory.read(address, as: UInt64.self)
        return ControlRegister4(rawValue: value).contains(.pae) ? value : nil
    }
}
