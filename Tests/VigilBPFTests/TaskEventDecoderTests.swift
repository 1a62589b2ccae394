import CVigilABI
import Testing
import VigilCore
@testable import VigilBPF

/// The decoder reads `struct vigil_task_event` as the BPF programs write it.
/// These tests build events through the same C header, so a layout change on
/// either side shows up here.
@Suite("task event decoder")
struct TaskEventDecoderTests {
    static func rawEvent(type: UInt32 = UInt32(VIGIL_EVENT_TASK_INTEGRITY.rawValue), hook: UInt32 = 1, response: UInt32 = 1) -> [UInt8] {
        var event = vigil_task_event()
        event.header.type = type
        event.header.size = UInt32(MemoryLayout<vigil_task_event>.size)
        event.header.boot_ns = 123_456
        event.pid = 300
        event.tid = 301
        event.hook = hook
        event.response = response
        event.syscall_nr = 16
        event.mismatch = UInt64(VIGIL_FIELD_UID.rawValue) | UInt64(VIGIL_FIELD_CAP_EFFECTIVE.rawValue)
        event.parent_count = 2
        withUnsafeMutableBytes(of: &event.comm) { $0.copyBytes(from: Array("vigil-attack".utf8)) }
        withUnsafeMutableBytes(of: &event.exe) { $0.copyBytes(from: Array("vigil-attack".utf8)) }
        withUnsafeMutableBytes(of: &event.parents) { buffer in
            let parents = buffer.bindMemory(to: vigil_process_ref.self)
            parents[0].pid = 200
            parents[0].tid = 200
            withUnsafeMutableBytes(of: &parents[0].comm) { $0.copyBytes(from: Array("sh".utf8)) }
            parents[1].pid = 1
            parents[1].tid = 1
            withUnsafeMutableBytes(of: &parents[1].comm) { $0.copyBytes(from: Array("init".utf8)) }
        }
        event.expected.uid = 1000
        event.actual.uid = 0
        event.expected.cap_effective = 0
        event.actual.cap_effective = 0x1ff_ffff_ffff
        return withUnsafeBytes(of: event) { Array($0) }
    }

    @Test func layoutsMatchTheBPFSide() {
        #expect(MemoryLayout<vigil_task_state>.size == 192)
        #expect(MemoryLayout<vigil_task_event>.size == 584)
        #expect(MemoryLayout<vigil_task_event>.offset(of: \vigil_task_event.expected) == 200)
        #expect(MemoryLayout<vigil_policy>.size == 16)
        #expect(SecurityField.allCases.count == 30)
        #expect(SecurityField.noNewPrivileges.bit == UInt64(VIGIL_FIELD_NO_NEW_PRIVS.rawValue))
        #expect(SensorHook.sweep.rawValue == UInt32(VIGIL_HOOK_SWEEP.rawValue))
        #expect(SensorHook.allCases.count == Int(VIGIL_HOOK_COUNT.rawValue))
    }

    @Test func decodesAnEventWithItsEvidence() throws {
        let event = try TaskEventDecoder.decode(Self.rawEvent())
        #expect(event.kind == .stateMismatch)
        #expect(event.process == .init(pid: 300, tid: 301, comm: "vigil-attack"))
        #expect(event.parents.map(\.comm) == ["sh", "init"])
        #expect(event.hook == .fileOpen)
        #expect(event.syscall?.description == "ioctl(16)")
        #expect(event.fields == [.uid, .capEffective])
        #expect(event.response == .blocked)
        #expect(event.changes(includeKernelAddresses: false).last?.actual == "0x1ffffffffff")
    }

    @Test func marksEventsCaughtByTheFentryFallback() throws {
        let event = try TaskEventDecoder.decode(Self.rawEvent(hook: 1 | SensorHook.fallbackFlag, response: 2))
        #expect(event.hook == .fileOpen)
        #expect(event.caughtByFallback)
        #expect(event.hookName == "fentry/security_file_open")
        #expect(event.response == .killed)
        #expect(try TaskEventDecoder.decode(Self.rawEvent()).hookName == "lsm/file_open")
    }

    @Test func rejectsMalformedRecords() {
        #expect(throws: TaskEventDecoder.DecodingError.tooShort(4)) { try TaskEventDecoder.decode([1, 2, 3, 4]) }
        #expect(throws: TaskEventDecoder.DecodingError.self) { try TaskEventDecoder.decode(Array(Self.rawEvent().dropLast(8))) }
        #expect(throws: TaskEventDecoder.DecodingError.unknownType(99)) { try TaskEventDecoder.decode(Self.rawEvent(type: 99)) }
        #expect(throws: TaskEventDecoder.DecodingError.unknownHook(500)) { try TaskEventDecoder.decode(Self.rawEvent(hook: 500)) }
        #expect(throws: TaskEventDecoder.DecodingError.unknownResponse(9)) { try TaskEventDecoder.decode(Self.rawEvent(response: 9)) }
    }

    @Test func decodesTheEmbeddedObject() {
        #expect(Base64.decode(EmbeddedBPFObject.base64)?.count == EmbeddedBPFObject.byteCount)
        #expect(Base64.decode("not*base64") == nil)
        #expect(Base64.decode("aGVsbG8=") == Array("hello".utf8))
    }

    @Test func declaresEveryProgramOfTheObject() {
        let declared = Set((ProcessIntegritySensor.lifecyclePrograms + ProcessIntegritySensor.transitionPrograms
            + ProcessIntegritySensor.validationPrograms + ProcessIntegritySensor.fallbackPrograms).map(\.name))
        #expect(declared.count == 55)
        // Opening the object parses its ELF only; nothing is loaded into the kernel.
        if let bytes = Base64.decode(EmbeddedBPFObject.base64), let object = try? BPFObject(bytes: bytes, name: "vigil") {
            #expect(Set(object.programNames) == declared)
        } else {
            Issue.record("the embedded process-integrity object does not open")
        }
        #expect(declared.contains("vigil_fentry_security_bprm_check"))
        #expect(declared.contains("vigil_lsm_file_open"))
    }
}
