@testable import VigilCore

/// A small kernel played in memory for `KernelIntegrityValidator`: core text,
/// rodata with `sys_call_table` and a jump table, the IDT, two watched
/// variables, and optional module memory. Tests change its bytes, modules,
/// hooks and kprobes between validations (the validator holds it by reference).
final class FakeKernel: KernelStateSource {
    // MARK: Layout

    static let text: UInt64 = 0xffff_ffff_8100_0000
    static let textSize = 0x1000
    static let ftraceCaller = text + 0x100
    static let sysRead = text + 0x200
    static let sysGetpid = text + 0x280      // endbr64, then ftrace's NOP
    static let sysNi = text + 0x300
    static let vfsRead = text + 0x380
    static let jumpLabel = vfsRead + 0x10    // 5-byte NOP, target vfsRead + 0x40
    static let jumpTarget = vfsRead + 0x40
    static let pageFault = text + 0x400
    static let timerInterrupt = text + 0x480
    static let doSomething = text + 0x500
    static let staticCallTrampoline = text + 0x600

    static let rodata: UInt64 = 0xffff_ffff_8200_0000
    static let rodataSize = 0x1000
    static let sysCallTable = rodata + 0x100
    static let afterSysCallTable = rodata + 0x118
    static let jumpTable = rodata + 0x200

    static let idt: UInt64 = 0xffff_ffff_8300_0000
    static let pageFaultVector = 14
    static let timerVector = 0xEC

    static let data: UInt64 = 0xffff_ffff_8400_0000
    static let modprobePath = data
    static let corePattern = data + 0x100

    static let benignText: UInt64 = 0xffff_ffff_c000_0000
    static let benignHelper = benignText + 0x40
    static let benignRodata = benignText + 0x1000
    static let benignStruct = benignText + 0x2000

    static let evilText: UInt64 = 0xffff_ffff_c010_0000
    static let evilRead = evilText
    static let evilHook = evilText + 0x40
    static let evilStruct = evilText + 0x2000

    static let ftraceTrampoline: UInt64 = 0xffff_ffff_c020_0000

    static let coreSymbols: [KernelSymbol] = [
        KernelSymbol(address: text, type: "T", name: "_stext"),
        KernelSymbol(address: ftraceCaller, type: "T", name: "ftrace_caller"),
        KernelSymbol(address: sysRead, type: "T", name: "__x64_sys_read"),
        KernelSymbol(address: sysGetpid, type: "t", name: "__do_sys_getpid"),
        KernelSymbol(address: sysNi, type: "T", name: "sys_ni_syscall"),
        KernelSymbol(address: vfsRead, type: "T", name: "vfs_read"),
        KernelSymbol(address: pageFault, type: "T", name: "asm_exc_page_fault"),
        KernelSymbol(address: timerInterrupt, type: "T", name: "asm_sysvec_apic_timer_interrupt"),
        KernelSymbol(address: doSomething, type: "T", name: "do_something"),
        KernelSymbol(address: staticCallTrampoline, type: "T", name: "__SCT__might_resched"),
        KernelSymbol(address: text + UInt64(textSize), type: "T", name: "_etext"),
        KernelSymbol(address: rodata, type: "D", name: "__start_rodata"),
        KernelSymbol(address: sysCallTable, type: "R", name: "sys_call_table"),
        KernelSymbol(address: afterSysCallTable, type: "R", name: "vdso_image_64"),
        KernelSymbol(address: jumpTable, type: "D", name: "__start___jump_table"),
        KernelSymbol(address: jumpTable + 16, type: "D", name: "__stop___jump_table"),
        KernelSymbol(address: rodata + UInt64(rodataSize), type: "D", name: "__end_rodata"),
        KernelSymbol(address: idt, type: "D", name: "idt_table"),
        KernelSymbol(address: modprobePath, type: "D", name: "modprobe_path"),
        KernelSymbol(address: corePattern, type: "D", name: "core_pattern"),
    ]

    static let benignSymbols: [KernelSymbol] = [
        KernelSymbol(address: benignText, type: "t", name: "benign_init", module: "vigil_benign"),
        KernelSymbol(address: benignHelper, type: "t", name: "benign_helper", module: "vigil_benign"),
        KernelSymbol(address: benignRodata, type: "r", name: "benign_strings", module: "vigil_benign"),
    ]

    static let evilSymbols: [KernelSymbol] = [
        KernelSymbol(address: evilRead, type: "t", name: "evil_read", module: "evil"),
        KernelSymbol(address: evilHook, type: "t", name: "hook_fn", module: "evil"),
    ]

    static let trampolineSymbols: [KernelSymbol] = [
        KernelSymbol(address: ftraceTrampoline, type: "t", name: "ftrace_trampoline", module: "__builtin__ftrace"),
    ]

    static let benignRecord = KernelModuleRecord(
        name: "vigil_benign", address: benignStruct, state: KernelModuleRecord.State.live.rawValue,
        text: benignText..<(benignText + 0x100), rodata: benignRodata..<(benignRodata + 0x40), roAfterInit: 0..<0
    )

    static func evilRecord(state: KernelModuleRecord.State) -> KernelModuleRecord {
        KernelModuleRecord(name: "evil", address: evilStruct, state: state.rawValue, text: evilText..<(evilText + 0x100),
                           rodata: 0..<0, roAfterInit: 0..<0)
    }

    // MARK: State the tests change

    var segments: [UInt64: [UInt8]]
    var moduleSymbolList: [KernelSymbol] = []
    var procModuleNames: Set<String> = []
    var sysfsModuleNames: Set<String>? = []
    var hooks: [FtraceHookedFunction]? = []
    var kprobeList: [KprobeRecord]? = []
    /// The CPUs, their per-CPU symbols and memory.
    let cpus = FakeProcessors()
    private(set) var pauses = 0

    init() {
        var text = [UInt8](repeating: 0x90, count: Self.textSize)
        text.put(X86Instruction.nop5, at: Int(Self.sysRead - Self.text))
        text.put(X86Instruction.endbr64 + X86Instruction.nop5, at: Int(Self.sysGetpid - Self.text))
        text.put(X86Instruction.nop5, at: Int(Self.sysNi - Self.text))
        text.put(X86Instruction.nop5, at: Int(Self.vfsRead - Self.text))
        text.put(X86Instruction.nop5, at: Int(Self.jumpLabel - Self.text))
        text.put(Encode.jmp(at: Self.staticCallTrampoline, to: Self.doSomething), at: Int(Self.staticCallTrampoline - Self.text))

        var rodata = [UInt8](repeating: 0x00, count: Self.rodataSize)
        for (index, entry) in [Self.sysRead, Self.sysGetpid, Self.sysNi].enumerated() {
            rodata.put(Encode.le64(entry), at: Int(Self.sysCallTable - Self.rodata) + 8 * index)
        }
        rodata.put(Array("vdso image".utf8), at: Int(Self.afterSysCallTable - Self.rodata))
        let entry = Self.jumpTable
        let jumpEntry = Encode.le32(Encode.displacement(from: entry, to: Self.jumpLabel))
            + Encode.le32(Encode.displacement(from: entry + 4, to: Self.jumpTarget))
            + Encode.le64(0)
        rodata.put(jumpEntry, at: Int(entry - Self.rodata))

        var idt = [UInt8](repeating: 0, count: InterruptDescriptorTable.byteCount)
        idt.put(Self.gate(Self.pageFault), at: Self.pageFaultVector * InterruptDescriptorTable.gateSize)
        idt.put(Self.gate(Self.timerInterrupt), at: Self.timerVector * InterruptDescriptorTable.gateSize)

        var data = [UInt8](repeating: 0, count: 0x200)
        data.put(Array("/sbin/modprobe".utf8), at: 0)
        data.put(Array("core".utf8), at: 0x100)

        segments = [Self.text: text, Self.rodata: rodata, Self.idt: idt, Self.data: data]
    }

    /// An interrupt gate (present, DPL 0) for `handler`.
    static func gate(_ handler: UInt64) -> [UInt8] {
        var gate = [UInt8](repeating: 0, count: 16)
        gate.put([UInt8(truncatingIfNeeded: handler), UInt8(truncatingIfNeeded: handler >> 8)], at: 0)
        gate.put([0x10, 0x00], at: 2)
        gate.put([0x00, 0x8E], at: 4)
        gate.put([UInt8(truncatingIfNeeded: handler >> 16), UInt8(truncatingIfNeeded: handler >> 24)], at: 6)
        gate.put(Array(Encode.le64(handler >> 32).prefix(4)), at: 8)
        return gate
    }

    /// Maps the module's text (a traced init, a plain helper) and rodata, and gives it symbols.
    func addBenignModule(listed: Bool = true) {
        var text = [UInt8](repeating: 0x90, count: 0x100)
        text.put(X86Instruction.nop5, at: 0)
        segments[Self.benignText] = text
        segments[Self.benignRodata] = [UInt8](repeating: 0x41, count: 0x40)
        moduleSymbolList += Self.benignSymbols
        if listed {
            procModuleNames.insert("vigil_benign")
            sysfsModuleNames?.insert("vigil_benign")
        }
    }

    /// Maps the rootkit's text and gives it symbols (it is not in any view unless a test says so).
    func addEvilModule() {
        segments[Self.evilText] = [UInt8](repeating: 0x55, count: 0x100)
        moduleSymbolList += Self.evilSymbols
    }

    /// Writes `bytes` at a kernel address inside one of the segments.
    func write(_ bytes: [UInt8], at address: UInt64) {
        guard let base = segments.keys.first(where: { address >= $0 && address + UInt64(bytes.count) <= $0 + UInt64(segments[$0]!.count) }) else {
            preconditionFailure("address \(String(address, radix: 16)) is in no segment")
        }
        segments[base]!.put(bytes, at: Int(address - base))
    }

    func read(_ address: UInt64, count: Int) -> [UInt8] {
        (try? memory.read(address, count: count)) ?? []
    }

    // MARK: KernelStateSource

    var memory: any KernelMemorySource { InMemoryKernelMemory(segments: segments.merging(cpus.segments) { $1 }) }
    func symbols() throws -> KernelSymbols { KernelSymbols(Self.coreSymbols + cpus.symbols + moduleSymbolList) }
    func moduleSymbols() throws -> [KernelSymbol] { moduleSymbolList }
    func procModules() throws -> Set<String> { procModuleNames }
    func sysfsModules() -> Set<String>? { sysfsModuleNames }
    func ftraceHooks() -> [FtraceHookedFunction]? { hooks }
    func kprobes() -> [KprobeRecord]? { kprobeList }
    func pause(milliseconds: Int) { pauses += 1 }
    func processors() -> any ProcessorStateSource { cpus }
}
