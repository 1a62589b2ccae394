/// What was read of one CPU at one moment: the watched MSRs and the kernel's
/// copy of CR4.
public struct ProcessorState: Sendable, Equatable {
    /// The CPU number (as in `/dev/cpu/N` and `/sys/devices/system/cpu/online`).
    public var cpu: Int
    /// The watched MSRs that could be read; a register left out could not be
    /// (the CPU lacks it, or MSRs are not read on this machine).
    public var registers: [ModelSpecificRegister: UInt64]
    /// CR4 as the kernel's per-CPU shadow (`cpu_tlbstate.cr4`) holds it, or nil when not read.
    public var cr4Shadow: UInt64?

    public init(cpu: Int, registers: [ModelSpecificRegister: UInt64] = [:], cr4Shadow: UInt64? = nil) {
        self.cpu = cpu
        self.registers = registers
        self.cr4Shadow = cr4Shadow
    }
}
