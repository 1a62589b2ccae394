@testable import VigilCore

/// Two CPUs played for the CPU-state check: their MSRs, the platform, the BTF
/// offset of `tlb_state.cr4`, and the per-CPU memory that holds each CR4 shadow
/// (mapped into `FakeKernel`'s memory, with the per-CPU symbols in its kallsyms).
final class FakeProcessors: ProcessorStateSource {
    /// Where kallsyms puts `__per_cpu_offset` (an array of 64-bit offsets).
    static let perCPUOffsets: UInt64 = 0xffff_ffff_8500_0000
    /// The per-CPU symbol `cpu_tlbstate`: a small offset into each CPU's area.
    static let tlbState: UInt64 = 0x2_8000
    static let cr4Offset = 24

    /// Entry points in FakeKernel's core text, given to kallsyms with `entrySymbols`.
    static let entrySyscall64 = FakeKernel.text + 0x800
    static let entrySyscallCompat = FakeKernel.text + 0x840
    static let entrySysenterCompat = FakeKernel.text + 0x880

    /// What a 6.x kernel with SMEP, SMAP and UMIP on leaves in CR4 (PAE and friends set).
    static let cr4: UInt64 = 0x0037_0ef0

    /// Each CPU's per-CPU area.
    static func area(_ cpu: Int) -> UInt64 {
        0xffff_8880_0100_0000 + UInt64(cpu) * 0x10_0000
    }

    static func shadowAddress(_ cpu: Int) -> UInt64 {
        area(cpu) + tlbState + UInt64(cr4Offset)
    }

    /// The per-CPU stack `syscall_init` puts in SYSENTER_ESP.
    static func entryStack(_ cpu: Int) -> UInt64 {
        0xffff_fe00_0000_6000 + UInt64(cpu) * 0x3_b000
    }

    var online: [Int]? = [0, 1]
    var driverMissing = false
    var platformValue = ProcessorPlatform(vendor: "AuthenticAMD", flags: ["smep", "smap", "umip"], parameters: [])
    var btfOffset: Int? = FakeProcessors.cr4Offset
    /// Whether kallsyms lists `entry_SYSCALL_64` and the compat entries.
    var entrySymbols = false
    var registers: [Int: [ModelSpecificRegister: UInt64]] = [:]
    var shadows: [Int: UInt64] = [:]

    init() {
        for cpu in 0..<2 {
            registers[cpu] = Self.legitimateRegisters(cpu: cpu)
            shadows[cpu] = Self.cr4
        }
    }

    /// What `syscall_init` writes on `cpu`.
    static func legitimateRegisters(cpu: Int) -> [ModelSpecificRegister: UInt64] {
        [
            .star: 0x0023_0010_0000_0000, .lstar: entrySyscall64, .cstar: entrySyscallCompat,
            .sysenterCS: 0x10, .sysenterESP: entryStack(cpu), .sysenterEIP: entrySysenterCompat,
        ]
    }

    var symbols: [KernelSymbol] {
        var symbols = [
            KernelSymbol(address: Self.tlbState, type: "D", name: "cpu_tlbstate"),
            KernelSymbol(address: Self.perCPUOffsets, type: "D", name: "__per_cpu_offset"),
        ]
        if entrySymbols {
            symbols += [
                KernelSymbol(address: Self.entrySyscall64, type: "T", name: "entry_SYSCALL_64"),
                KernelSymbol(address: Self.entrySyscallCompat, type: "T", name: "entry_SYSCALL_compat"),
                KernelSymbol(address: Self.entrySysenterCompat, type: "T", name: "entry_SYSENTER_compat"),
            ]
        }
        return symbols
    }

    /// `__per_cpu_offset` and each CPU's shadow.
    var segments: [UInt64: [UInt8]] {
        var offsets: [UInt8] = []
        for cpu in 0..<4 { offsets += Encode.le64(Self.area(cpu)) }
        var segments = [Self.perCPUOffsets: offsets]
        for (cpu, shadow) in shadows { segments[Self.shadowAddress(cpu)] = Encode.le64(shadow) }
        return segments
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    func onlineProcessors() throws -> [Int] {
        guard let online else { throw Missing(description: "no sysfs") }
        return online
    }

    func modelSpecificRegisters(cpu: Int) throws -> [ModelSpecificRegister: UInt64] {
        if driverMissing { throw Missing(description: "/dev/cpu/\(cpu)/msr is missing (load the msr module)") }
        return registers[cpu] ?? [:]
    }

    func platform() throws -> ProcessorPlatform { platformValue }

    func memberOffset(of member: String, in structure: String) throws -> Int? {
        structure == "tlb_state" && member == "cr4" ? btfOffset : nil
    }
}
