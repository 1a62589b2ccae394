import CVigilABI
import VigilCore

/// Turns the raw records of the kernel-integrity ring (`struct vigil_module_event`,
/// `struct vigil_kernel_write_event`) into `KernelSensorEvent`s.
public enum KernelEventDecoder {
    public enum DecodingError: Error, Equatable, CustomStringConvertible {
        case tooShort(Int)
        case sizeMismatch(type: UInt32, declared: UInt32, received: Int)
        case unknownType(UInt32)
        case unknownAction(UInt32)
        case unknownSource(UInt32)

        public var description: String {
            switch self {
            case .tooShort(let count): "kernel event of \(count) bytes is shorter than its header"
            case .sizeMismatch(let type, let declared, let received): "kernel event type \(type) declares \(declared) bytes but \(received) arrived"
            case .unknownType(let type): "unknown kernel event type \(type)"
            case .unknownAction(let action): "unknown module action \(action)"
            case .unknownSource(let source): "unknown write source \(source)"
            }
        }
    }

    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> KernelSensorEvent {
        guard bytes.count >= MemoryLayout<vigil_event_header>.size else { throw .tooShort(bytes.count) }
        let header = bytes.withUnsafeBytes { $0.loadUnaligned(as: vigil_event_header.self) }
        switch header.type {
        case UInt32(VIGIL_EVENT_MODULE.rawValue):
            try requireSize(header, bytes, MemoryLayout<vigil_module_event>.size)
            let raw = bytes.withUnsafeBytes { $0.loadUnaligned(as: vigil_module_event.self) }
            guard let action = KernelSensorEvent.ModuleAction(rawValue: raw.action) else { throw .unknownAction(raw.action) }
            let record = KernelModuleRecord(
                name: cString(raw.name), address: raw.module, state: raw.state,
                text: range(raw.text), rodata: range(raw.rodata), roAfterInit: range(raw.ro_after_init),
                jumpEntries: raw.jump_entries, jumpEntryCount: Int(raw.num_jump_entries),
                staticCallSites: raw.static_call_sites, staticCallSiteCount: Int(raw.num_static_call_sites)
            )
            return .module(action: action, record: record, initResult: raw.init_result, sequence: raw.sequence,
                           writer: .init(pid: raw.pid, uid: raw.uid, comm: cString(raw.comm)), bootNanoseconds: header.boot_ns)
        case UInt32(VIGIL_EVENT_KERNEL_WRITE.rawValue):
            try requireSize(header, bytes, MemoryLayout<vigil_kernel_write_event>.size)
            let raw = bytes.withUnsafeBytes { $0.loadUnaligned(as: vigil_kernel_write_event.self) }
            guard let source = KernelSensorEvent.WriteSource(rawValue: raw.source) else { throw .unknownSource(raw.source) }
            let length = min(Int(raw.length), Int(VIGIL_WRITE_VALUE_LEN))
            let value = withUnsafeBytes(of: raw.value) { Array($0.prefix(length)) }
            return .write(source: source, address: raw.address, value: value, name: cString(raw.name),
                          writer: .init(pid: raw.pid, uid: raw.uid, comm: cString(raw.comm)), bootNanoseconds: header.boot_ns)
        default:
            throw .unknownType(header.type)
        }
    }

    private static func requireSize(_ header: vigil_event_header, _ bytes: [UInt8], _ size: Int) throws(DecodingError) {
        guard Int(header.size) == bytes.count, bytes.count == size else {
            throw .sizeMismatch(type: header.type, declared: header.size, received: bytes.count)
        }
    }

    private static func range(_ raw: vigil_memory_range) -> Range<UInt64> {
        let end = raw.base.addingReportingOverflow(raw.size)
        guard raw.base != 0, !end.overflow else { return 0..<0 }
        return raw.base..<end.partialValue
    }

    static func cString<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
