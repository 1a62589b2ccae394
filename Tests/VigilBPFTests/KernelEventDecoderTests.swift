import CVigilABI
import Testing
import VigilCore
@testable import VigilBPF

/// The kernel-integrity ring's records (`struct vigil_module_event`,
/// `struct vigil_kernel_write_event`), built through the C header.
@Suite("kernel integrity event decoder")
struct KernelIntegrityEventDecoderTests {
    static let moduleType = UInt32(VIGIL_EVENT_MODULE.rawValue)
    static let writeType = UInt32(VIGIL_EVENT_KERNEL_WRITE.rawValue)

    static func moduleEvent(action: UInt32 = 1, type: UInt32 = moduleType, edit: (inout vigil_module_event) -> Void = { _ in }) -> [UInt8] {
        var event = vigil_module_event()
        event.header.type = type
        event.header.size = UInt32(MemoryLayout<vigil_module_event>.size)
        event.header.boot_ns = 987_654_321
        event.action = action
        event.state = 1
        event.module = 0xffff_ffff_c0a0_3000
        event.list_next = 0xffff_ffff_c0b0_0008
        event.list_prev = 0xffff_ffff_8300_0000
        event.text.base = 0xffff_ffff_c0a0_0000
        event.text.size = 0x2000
        event.rodata.base = 0xffff_ffff_c0a1_0000
        event.rodata.size = 0x800
        event.ro_after_init.base = 0
        event.ro_after_init.size = 0x100
        event.jump_entries = 0xffff_ffff_c0a1_0400
        event.num_jump_entries = 3
        event.static_call_sites = 0xffff_ffff_c0a1_0600
        event.num_static_call_sites = 2
        event.init_result = -22
        event.sequence = 7
        event.pid = 4242
        event.uid = 0
        withUnsafeMutableBytes(of: &event.comm) { $0.copyBytes(from: Array("insmod".utf8)) }
        withUnsafeMutableBytes(of: &event.name) { $0.copyBytes(from: Array("vigil_rootkit".utf8)) }
        edit(&event)
        return withUnsafeBytes(of: event) { Array($0) }
    }

    static func writeEvent(source: UInt32 = 1, length: UInt32 = 15, value: [UInt8] = Array("/sbin/modprobe\0".utf8),
                           edit: (inout vigil_kernel_write_event) -> Void = { _ in }) -> [UInt8] {
        var event = vigil_kernel_write_event()
        event.header.type = writeType
        event.header.size = UInt32(MemoryLayout<vigil_kernel_write_event>.size)
        event.header.boot_ns = 5
        event.source = source
        event.length = length
        event.address = 0xffff_ffff_8400_0000
        event.result = 15
        event.pid = 77
        event.uid = 0
        withUnsafeMutableBytes(of: &event.comm) { $0.copyBytes(from: Array("sysctl".utf8)) }
        withUnsafeMutableBytes(of: &event.name) { $0.copyBytes(from: Array("modprobe".utf8)) }
        withUnsafeMutableBytes(of: &event.value) { $0.copyBytes(from: value) }
        edit(&event)
        return withUnsafeBytes(of: event) { Array($0) }
    }

    @Test func layoutsMatchTheBPFSide() {
        #expect(MemoryLayout<vigil_memory_range>.size == 16)
        #expect(MemoryLayout<vigil_module_event>.size == 16 + 8 + 8 + 16 + 48 + 16 + 8 + 8 + 8 + 16 + 56)
        #expect(MemoryLayout<vigil_kernel_write_event>.size == 16 + 8 + 8 + 8 + 8 + 16 + 32 + 256)
        #expect(MemoryLayout<vigil_module_event>.offset(of: \vigil_module_event.text) == 48)
        #expect(MemoryLayout<vigil_module_event>.offset(of: \vigil_module_event.name) == 152)
        #expect(MemoryLayout<vigil_kernel_write_event>.offset(of: \vigil_kernel_write_event.value) == 96)
        #expect(KernelSensorEvent.ModuleAction.listEnd.rawValue == UInt32(VIGIL_MODULE_LIST_END.rawValue))
        #expect(KernelSensorEvent.WriteSource.moduleParameter.rawValue == UInt32(VIGIL_WRITE_MODULE_PARAMETER.rawValue))
    }

    @Test func decodesAModuleEvent() throws {
        let event = try KernelEventDecoder.decode(Self.moduleEvent())
        guard case .module(let action, let record, let initResult, let sequence, let writer, let boot) = event else {
            Issue.record("not a module event: \(event)")
            return
        }
        #expect(action == .loaded)
        #expect(record == KernelModuleRecord(
            name: "vigil_rootkit", address: 0xffff_ffff_c0a0_3000, state: 1,
            text: 0xffff_ffff_c0a0_0000..<0xffff_ffff_c0a0_2000, rodata: 0xffff_ffff_c0a1_0000..<0xffff_ffff_c0a1_0800,
            roAfterInit: 0..<0, jumpEntries: 0xffff_ffff_c0a1_0400, jumpEntryCount: 3,
            staticCallSites: 0xffff_ffff_c0a1_0600, staticCallSiteCount: 2
        ))
        #expect(!record.isLive)
        #expect(initResult == -22)
        #expect(sequence == 7)
        #expect(writer == KernelSensorEvent.Writer(pid: 4242, uid: 0, comm: "insmod"))
        #expect(writer.description == "insmod[4242] uid 0")
        #expect(boot == 987_654_321)
    }

    @Test(arguments: [
        (UInt32(1), KernelSensorEvent.ModuleAction.loaded), (2, .initialised), (3, .freed), (4, .listed), (5, .listEnd),
    ])
    func decodesEveryModuleAction(raw: UInt32, action: KernelSensorEvent.ModuleAction) throws {
        guard case .module(let decoded, _, _, _, _, _) = try KernelEventDecoder.decode(Self.moduleEvent(action: raw)) else {
            Issue.record("not a module event")
            return
        }
        #expect(decoded == action)
    }

    @Test func rangesThatWrapOrStartAtZeroAreEmpty() throws {
        let bytes = Self.moduleEvent { event in
            event.text.base = 0xffff_ffff_ffff_f000
            event.text.size = 0x2000
            event.state = 0
        }
        guard case .module(_, let record, _, _, _, _) = try KernelEventDecoder.decode(bytes) else {
            Issue.record("not a module event")
            return
        }
        #expect(record.text.isEmpty)
        #expect(record.roAfterInit == 0..<0)
        #expect(record.isLive)
    }

    @Test func aFullNameWithoutItsNul() throws {
        let name = String(repeating: "m", count: Int(VIGIL_MODULE_NAME_LEN))
        let bytes = Self.moduleEvent { event in
            withUnsafeMutableBytes(of: &event.name) { $0.copyBytes(from: Array(name.utf8)) }
        }
        guard case .module(_, let record, _, _, _, _) = try KernelEventDecoder.decode(bytes) else {
            Issue.record("not a module event")
            return
        }
        #expect(record.name == name, "stops at the end of the field")
    }

    @Test func decodesAWriteEvent() throws {
        let event = try KernelEventDecoder.decode(Self.writeEvent())
        #expect(event == .write(source: .sysctl, address: 0xffff_ffff_8400_0000, value: Array("/sbin/modprobe\0".utf8), name: "modprobe",
                                writer: .init(pid: 77, uid: 0, comm: "sysctl"), bootNanoseconds: 5))
    }

    @Test func writeValueIsClippedToItsBuffer() throws {
        let full = [UInt8](repeating: 0x61, count: Int(VIGIL_WRITE_VALUE_LEN))
        guard case .write(let source, _, let value, _, _, _) = try KernelEventDecoder.decode(Self.writeEvent(source: 3, length: 1000, value: full)) else {
            Issue.record("not a write event")
            return
        }
        #expect(source == .lockdown)
        #expect(source.interface == "securityfs lockdown")
        #expect(value.count == Int(VIGIL_WRITE_VALUE_LEN))
        guard case .write(_, _, let empty, _, _, _) = try KernelEventDecoder.decode(Self.writeEvent(length: 0)) else {
            Issue.record("not a write event")
            return
        }
        #expect(empty.isEmpty)
    }

    @Test func rejectsMalformedRecords() {
        #expect(throws: KernelEventDecoder.DecodingError.tooShort(8)) { try KernelEventDecoder.decode([UInt8](repeating: 0, count: 8)) }
        let module = Self.moduleEvent()
        let size = UInt32(module.count)
        #expect(throws: KernelEventDecoder.DecodingError.sizeMismatch(type: Self.moduleType, declared: size, received: module.count - 8)) {
            try KernelEventDecoder.decode(Array(module.dropLast(8)))
        }
        #expect(throws: KernelEventDecoder.DecodingError.sizeMismatch(type: Self.moduleType, declared: size, received: module.count + 4)) {
            try KernelEventDecoder.decode(module + [0, 0, 0, 0])
        }
        // The header must declare the size that arrived.
        let lying = Self.moduleEvent { $0.header.size = 64 }
        #expect(throws: KernelEventDecoder.DecodingError.sizeMismatch(type: Self.moduleType, declared: 64, received: module.count)) {
            try KernelEventDecoder.decode(lying)
        }
        // A write event's header on a module event's size.
        let write = Self.writeEvent()
        #expect(throws: KernelEventDecoder.DecodingError.self) { try KernelEventDecoder.decode(Array(write.prefix(module.count))) }
        #expect(throws: KernelEventDecoder.DecodingError.unknownType(1)) { try KernelEventDecoder.decode(Self.moduleEvent(type: 1)) }
        #expect(throws: KernelEventDecoder.DecodingError.unknownType(99)) { try KernelEventDecoder.decode(Self.moduleEvent(type: 99)) }
        #expect(throws: KernelEventDecoder.DecodingError.unknownAction(0)) { try KernelEventDecoder.decode(Self.moduleEvent(action: 0)) }
        #expect(throws: KernelEventDecoder.DecodingError.unknownAction(6)) { try KernelEventDecoder.decode(Self.moduleEvent(action: 6)) }
        #expect(throws: KernelEventDecoder.DecodingError.unknownSource(9)) { try KernelEventDecoder.decode(Self.writeEvent(source: 9)) }
        #expect(throws: KernelEventDecoder.DecodingError.unknownSource(0)) { try KernelEventDecoder.decode(Self.writeEvent(source: 0)) }
    }

    @Test func errorsDescribeThemselves() {
        #expect(KernelEventDecoder.DecodingError.unknownAction(6).description == "unknown module action 6")
        #expect(KernelEventDecoder.DecodingError.sizeMismatch(type: 3, declared: 208, received: 200).description
            == "kernel event type 3 declares 208 bytes but 200 arrived")
    }
}
