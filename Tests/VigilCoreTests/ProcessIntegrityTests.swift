import Testing
@testable import VigilCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension TaskIntegrityEvent {
    static func sample(tid: UInt32 = 42, fields: [SecurityField] = [.uid, .euid, .realCred], actualUID: UInt32 = 0, hook: SensorHook = .fileOpen) -> TaskIntegrityEvent {
        TaskIntegrityEvent(
            kind: .stateMismatch, bootNanoseconds: 1_000, process: .init(pid: tid, tid: tid, comm: "exploit"),
            executable: "exploit", parents: [.init(pid: 1, tid: 1, comm: "init")], hook: hook,
            syscall: SystemCall(number: 257, compat: false), fields: fields,
            expected: TaskSecurityState(uid: 1000, euid: 1000, realCred: 0xffff_8880_0000_1000),
            actual: TaskSecurityState(uid: actualUID, euid: actualUID, realCred: 0xffff_8880_0000_1000),
            response: .blocked
        )
    }
}

@Suite("process integrity model")
struct ProcessIntegrityTests {
    @Test func fieldBitsFollowTheABI() {
        #expect(SecurityField.uid.bit == 1)
        #expect(SecurityField.noNewPrivileges.bit == 1 << 29)
        #expect(SecurityField.fields(in: 0b1_0000_0011) == [.uid, .euid, .securebits])
        #expect(SecurityField.fields(in: 1 << 63).isEmpty)
    }

    @Test func evidenceHidesKernelAddressesUnlessAsked() {
        let event = TaskIntegrityEvent.sample()
        #expect(event.changes(includeKernelAddresses: false).map(\.field) == ["uid", "euid"])
        #expect(event.changes(includeKernelAddresses: false).first == TaskIntegrityEvent.FieldChange(field: "uid", expected: "1000", actual: "0"))
        #expect(event.changes(includeKernelAddresses: true).map(\.field) == ["uid", "euid", "real_cred"])
        #expect(event.summary == "DETECT: task security state changed without a legitimate path: pid 42 (exploit) fields [uid,euid,real_cred] at lsm/file_open -> blocked")
    }

    @Test func jsonRecordsCarryTheSchemaAndNoPointersByDefault() throws {
        let record = EventRecord(.sample(), includeKernelAddresses: false)
        let data = try JSONEncoder().encode(record)
        let text = String(decoding: data, as: UTF8.self)
        #expect(record.schema == EventRecord.schemaVersion)
        #expect(record.syscall == "openat(257)")
        #expect(!text.contains("realCred"))
        #expect(try JSONDecoder().decode(EventRecord.self, from: data) == record)
        #expect(EventRecord(.sample(), includeKernelAddresses: true).actual?.realCred == 0xffff_8880_0000_1000)
    }

    @Test func policyKnobsKeepLKRGMeaningsAndNameBadValues() throws {
        let policy = try ProcessIntegrityPolicy(pintValidate: 1, pintEnforce: 2)
        #expect(policy.validation == .current)
        #expect(policy.enforcement == .panic)
        #expect(!policy.sweeps)
        #expect(ProcessIntegrityPolicy.default.sweeps)
        #expect(throws: PolicyError(key: "pint_validate", value: "4", allowed: "0, 1, 2 or 3")) {
            try ProcessIntegrityPolicy(pintValidate: 4, pintEnforce: 1)
        }
        #expect(throws: PolicyError(key: "pint_enforce", value: "-1", allowed: "0, 1 or 2")) {
            try ProcessIntegrityPolicy(pintValidate: 1, pintEnforce: -1)
        }
    }

    @Test func systemCallsAreNamedWhereKnown() {
        #expect(SystemCall(number: 16, compat: false).description == "ioctl(16)")
        #expect(SystemCall(number: 9999, compat: false).description == "syscall 9999")
        #expect(SystemCall(number: 54, compat: true).description == "ia32 syscall 54")
    }
}

@Suite("sweep confirmation")
struct SweepConfirmationTests {
    @Test func aMismatchSeenTwiceIsConfirmed() {
        var confirmation = SweepConfirmation()
        #expect(confirmation.confirm([.sample()]).isEmpty)
        #expect(confirmation.hasPending)
        #expect(confirmation.confirm([.sample()]).count == 1)
    }

    @Test func aRaceThatResolvesIsForgotten() {
        var confirmation = SweepConfirmation()
        _ = confirmation.confirm([.sample()])
        #expect(confirmation.confirm([]).isEmpty)
        #expect(!confirmation.hasPending)
        #expect(confirmation.confirm([.sample()]).isEmpty)
    }

    @Test func aChangingStateIsNotConfirmed() {
        var confirmation = SweepConfirmation()
        _ = confirmation.confirm([.sample(actualUID: 0)])
        #expect(confirmation.confirm([.sample(actualUID: 5)]).isEmpty)
        #expect(confirmation.confirm([.sample(tid: 7)]).isEmpty)
    }
}
