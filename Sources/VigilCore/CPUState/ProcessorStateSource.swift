/// What the CPU-state check reads from the running system besides kernel
/// memory, behind one protocol so that tests can play the CPUs.
public protocol ProcessorStateSource {
    /// The CPUs online now (`/sys/devices/system/cpu/online`), ascending.
    func onlineProcessors() throws -> [Int]
    /// The watched MSRs of `cpu` (the msr driver's `/dev/cpu/N/msr`). A register the
    /// CPU does not have is left out.
    /// - Throws: when MSRs cannot be read at all on this CPU; the error's description says why.
    func modelSpecificRegisters(cpu: Int) throws -> [ModelSpecificRegister: UInt64]
    /// The CPU's vendor and flags (`/proc/cpuinfo`) and the kernel's parameters (`/proc/cmdline`).
    func platform() throws -> ProcessorPlatform
    /// The byte offset of `member` in `struct structure`, from the kernel's BTF;
    /// nil when the BTF has no such member.
    func memberOffset(of member: String, in structure: String) throws -> Int?
}
