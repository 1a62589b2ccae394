import CVigilABI
import Testing
import VigilCore
@testable import VigilBPF

/// The guard ring's records (`struct vigil_helper_event`, `struct vigil_module_policy_event`), built through the C header.
@Suite("guard event decoder")
struct GuardEventDecoderTests {
    static func helperEvent(edit: (inout vigil_helper_event) -> Void = { _ in }) -> [UInt8] {
        var event = vigil_helper_event()
        event.header.type = UInt32(VIGIL_EVENT_USERMODE_HELPER.rawValue)
        event.header.size = UInt32(MemoryLayout<vigil_helper_event>.size)
        event.header.boot_ns = 1234
        event.stage = UInt32(VIGIL_HELPER_CALLED.rawValue)
        event.verdict = UInt32(VIGIL_HELPER_VARIABLE_TAMPERED.rawValue)
        event.variable = UInt32(VIGIL_HELPER_MODPROBE_PATH.rawValue)
        event.response = UInt32(VIGIL_GUARD_PREVENTED.rawValue)
        event.pid = 321
        event.uid = 1000
        event.wait = 2
        event.argc = 4
        event.envc = 3
        withUnsafeMutableBytes(of: &event.comm) { $0.copyBytes(from: Array("vigil-unknown".utf8)) }
        withUnsafeMutableBytes(of: &event.path) { $0.copyBytes(from: Array("/tmp/vigil-pwn".utf8)) }
        withUnsafeMutableBytes(of: &event.args) { $0.copyBytes(from: Array("/tmp/vigil-pwn\0-q\0--\0binfmt-ffff\0".utf8)) }
        withUnsafeMutableBytes(of: &event.env) { $0.copyBytes(from: Array("HOME=/\0TERM=linux\0PATH=/sbin:/usr/sbin:/bin:/usr/bin\0".utf8)) }
        withUnsafeMutableBytes(of: &event.variable_at_use) { $0.copyBytes(from: Array("/tmp/vigil-pwn".utf8)) }
        withUnsafeMutableBytes(of: &event.variable_expected) { $0.copyBytes(from: Array("/sbin/modprobe".utf8)) }
        edit(&event)
        return withUnsafeBytes(of: event) { Array($0) }
    }

    static func moduleEvent(edit: (inout vigil_module_policy_event) -> Void = { _ in }) -> [UInt8] {
        var event = vigil_module_policy_event()
        event.header.type = UInt32(VIGIL_EVENT_MODULE_POLICY.rawValue)
        event.header.size = UInt32(MemoryLayout<vigil_module_policy_event>.size)
        event.header.boot_ns = 99
        event.reason = UInt32(VIGIL_MODULE_NOT_ALLOWLISTED.rawValue)
        event.operation = UInt32(VIGIL_MODULE_FROM_FILE.rawValue)
        event.pid = 55
        event.result = -1
        withUnsafeMutableBytes(of: &event.comm) { $0.copyBytes(from: Array("insmod".utf8)) }
        withUnsafeMutableBytes(of: &event.name) { $0.copyBytes(from: Array("vigil_vuln".utf8)) }
        withUnsafeMutableBytes(of: &event.file) { $0.copyBytes(from: Array("vigil_vuln.ko".utf8)) }
        edit(&event)
        return withUnsafeBytes(of: event) { Array($0) }
    }

    @Test func layoutsMatchTheHeader() {
        #expect(MemoryLayout<vigil_helper_event>.size == 1608)
        #expect(MemoryLayout<vigil_module_policy_event>.size == 176)
        #expect(MemoryLayout<vigil_guard_policy>.size == 32)
        #expect(MemoryLayout<vigil_helper_expected>.size == 392)
    }

    @Test func decodesAHelperCall() throws {
        let decoded = try GuardEventDecoder.decode(Self.helperEvent())
        guard case .usermodeHelper(let event) = decoded else {
            Issue.record("expected a usermode-helper event, got \(decoded)")
            return
        }
        #expect(event.stage == .call)
        #expect(event.verdict == .variableTampered)
        #expect(event.response == .prevented)
        #expect(event.variable == .modprobePath)
        #expect(event.pid == 321 && event.uid == 1000 && event.comm == "vigil-unknown")
        #expect(event.path == "/tmp/vigil-pwn")
        #expect(event.argv == ["/tmp/vigil-pwn", "-q", "--", "binfmt-ffff"])
        #expect(event.envp == ["HOME=/", "TERM=linux", "PATH=/sbin:/usr/sbin:/bin:/usr/bin"])
        #expect(event.variableAtUse == "/tmp/vigil-pwn")
        #expect(event.variableExpected == "/sbin/modprobe")
        #expect(event.bootNanoseconds == 1234)
        #expect(!event.truncated)
    }

    @Test func aHelperWithoutVariableHasNoValues() throws {
        let bytes = Self.helperEvent { $0.variable = 0; $0.verdict = UInt32(VIGIL_HELPER_NOT_ALLOWLISTED.rawValue); $0.argc = 0; $0.envc = 0 }
        guard case .usermodeHelper(let event) = try GuardEventDecoder.decode(bytes) else {
            Issue.record("expected a usermode-helper event")
            return
        }
        #expect(event.variable == nil)
        #expect(event.variableAtUse == nil)
        #expect(event.argv.isEmpty && event.envp.isEmpty)
    }

    @Test func decodesARefusedModuleLoad() throws {
        let decoded = try GuardEventDecoder.decode(Self.moduleEvent())
        #expect(decoded == .modulePolicy(ModulePolicyEvent(
            reason: .notAllowlisted, operation: .fromFile, pid: 55, uid: 0, comm: "insmod", name: "vigil_vuln", file: "vigil_vuln.ko", result: -1, bootNanoseconds: 99
        )))
        guard case .modulePolicy(let unnamed) = try GuardEventDecoder.decode(Self.moduleEvent { $0.name.0 = 0; $0.file.0 = 0 }) else {
            Issue.record("expected a module-policy event")
            return
        }
        #expect(unnamed.name == nil && unnamed.file == nil)
    }

    @Test func rejectsMalformedRecords() {
        #expect(throws: GuardEventDecoder.DecodingError.tooShort(3)) { try GuardEventDecoder.decode([1, 2, 3]) }
        let short = Array(Self.helperEvent().dropLast(8))
        #expect(throws: GuardEventDecoder.DecodingError.sizeMismatch(type: 5, declared: 1608, received: 1600)) { try GuardEventDecoder.decode(short) }
        #expect(throws: GuardEventDecoder.DecodingError.unknownValue(field: "stage", value: 9)) { try GuardEventDecoder.decode(Self.helperEvent { $0.stage = 9 }) }
        #expect(throws: GuardEventDecoder.DecodingError.unknownValue(field: "variable", value: 4)) { try GuardEventDecoder.decode(Self.helperEvent { $0.variable = 4 }) }
        #expect(throws: GuardEventDecoder.DecodingError.unknownValue(field: "reason", value: 0)) { try GuardEventDecoder.decode(Self.moduleEvent { $0.reason = 0 }) }
        var unknown = Self.moduleEvent()
        unknown[0] = 77
        #expect(throws: GuardEventDecoder.DecodingError.unknownType(77)) { try GuardEventDecoder.decode(unknown) }
    }

    @Test func packedStringsStopAtTheCountAndTheBuffer() {
        var buffer = (UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0))
        withUnsafeMutableBytes(of: &buffer) { $0.copyBytes(from: Array("ab\0cdef".utf8.prefix(6))) }
        #expect(GuardEventDecoder.strings(buffer, count: 1) == ["ab"])
        #expect(GuardEventDecoder.strings(buffer, count: 5) == ["ab", "cde"])
    }

    @Test func declaresEveryProgramOfTheGuardObject() throws {
        let declared = Set(GuardSensor.refusals.flatMap { [$0.lsm, $0.modifyReturn] } + GuardSensor.observers.map(\.name))
        // Opening the object parses its ELF only; nothing is loaded into the kernel.
        let bytes = try #require(Base64.decode(EmbeddedGuardBPFObject.base64))
        let object = try BPFObject(bytes: bytes, name: "vigil_guard")
        #expect(Set(object.programNames) == declared)
    }

    @Test func keysArePaddedLikeTheKernelCompares() {
        #expect(GuardSensor.paddedKey("/sbin/modprobe", size: 16) == Array("/sbin/modprobe".utf8) + [0, 0])
        #expect(GuardSensor.paddedKey("0123456789", size: 4) == Array("012".utf8) + [0])
    }
}
