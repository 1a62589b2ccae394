import CVigilABI
import VigilCore

/// A message from the usermode-helper and module-load guard.
public enum GuardSensorEvent: Sendable, Equatable {
    case usermodeHelper(UsermodeHelperEvent)
    case modulePolicy(ModulePolicyEvent)
}

/// Turns the raw records of the guard's ring (`struct vigil_helper_event`,
/// `struct vigil_module_policy_event`) into `GuardSensorEvent`s.
public enum GuardEventDecoder {
    public enum DecodingError: Error, Equatable, CustomStringConvertible {
        case tooShort(Int)
        case sizeMismatch(type: UInt32, declared: UInt32, received: Int)
        case unknownType(UInt32)
        case unknownValue(field: String, value: UInt32)

        public var description: String {
            switch self {
            case .tooShort(let count): "guard event of \(count) bytes is shorter than its header"
            case .sizeMismatch(let type, let declared, let received): "guard event type \(type) declares \(declared) bytes but \(received) arrived"
            case .unknownType(let type): "unknown guard event type \(type)"
            case .unknownValue(let field, let value): "guard event has unknown \(field) \(value)"
            }
        }
    }

    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> GuardSensorEvent {
        guard bytes.count >= MemoryLayout<vigil_event_header>.size else { throw .tooShort(bytes.count) }
        let header = bytes.withUnsafeBytes { $0.loadUnaligned(as: vigil_event_header.self) }
        switch header.type {
        case UInt32(VIGIL_EVENT_USERMODE_HELPER.rawValue):
            try requireSize(header, bytes, MemoryLayout<vigil_helper_event>.size)
            let raw = bytes.withUnsafeBytes { $0.loadUnaligned(as: vigil_helper_event.self) }
            guard let stage = UsermodeHelperEvent.Stage(rawValue: raw.stage) else { throw .unknownValue(field: "stage", value: raw.stage) }
            guard let verdict = UsermodeHelperEvent.Verdict(rawValue: raw.verdict) else { throw .unknownValue(field: "verdict", value: raw.verdict) }
            guard let response = GuardResponse(rawValue: raw.response) else { throw .unknownValue(field: "response", value: raw.response) }
            var variable: UsermodeHelperEvent.Variable?
            if raw.variable != 0 {
                guard let known = UsermodeHelperEvent.Variable(rawValue: raw.variable) else { throw .unknownValue(field: "variable", value: raw.variable) }
                variable = known
            }
            return .usermodeHelper(UsermodeHelperEvent(
                stage: stage, verdict: verdict, response: response, pid: raw.pid, uid: raw.uid,
                comm: KernelEventDecoder.cString(raw.comm), path: KernelEventDecoder.cString(raw.path),
                argv: strings(raw.args, count: raw.argc), envp: strings(raw.env, count: raw.envc),
                truncated: raw.truncated != 0, wait: raw.wait, variable: variable,
                variableAtUse: variable == nil ? nil : KernelEventDecoder.cString(raw.variable_at_use),
                variableExpected: variable == nil ? nil : KernelEventDecoder.cString(raw.variable_expected),
                bootNanoseconds: header.boot_ns
            ))
        case UInt32(VIGIL_EVENT_MODULE_POLICY.rawValue):
            try requireSize(header, bytes, MemoryLayout<vigil_module_policy_event>.size)
            let raw = bytes.withUnsafeBytes { $0.loadUnaligned(as: vigil_module_policy_event.self) }
            guard let reason = ModulePolicyEvent.Reason(rawValue: raw.reason) else { throw .unknownValue(field: "reason", value: raw.reason) }
            guard let operation = ModulePolicyEvent.Operation(rawValue: raw.operation) else { throw .unknownValue(field: "operation", value: raw.operation) }
            let name = KernelEventDecoder.cString(raw.name)
            let file = KernelEventDecoder.cString(raw.file)
            return .modulePolicy(ModulePolicyEvent(
                reason: reason, operation: operation, pid: raw.pid, uid: raw.uid, comm: KernelEventDecoder.cString(raw.comm),
                name: name.isEmpty ? nil : name, file: file.isEmpty ? nil : file, result: raw.result, bootNanoseconds: header.boot_ns
            ))
        default:
            throw .unknownType(header.type)
        }
    }

    /// The first `count` NUL-terminated strings packed in a fixed buffer.
    static func strings<T>(_ tuple: T, count: UInt32) -> [String] {
        withUnsafeBytes(of: tuple) { raw in
            var result: [String] = []
            var start = raw.startIndex
            while result.count < Int(count), start < raw.endIndex {
                let end = raw[start...].firstIndex(of: 0) ?? raw.endIndex
                result.append(String(decoding: raw[start..<end], as: UTF8.self))
                start = end + 1
            }
            return result
        }
    }

    private static func requireSize(_ header: vigil_event_header, _ bytes: [UInt8], _ size: Int) throws(DecodingError) {
        guard Int(header.size) == bytes.count, bytes.count == size else {
            throw .sizeMismatch(type: header.type, declared: header.size, received: bytes.count)
        }
    }
}
