/// The JSON Lines form of a usermode-helper event (schema 1, `type`
/// `usermode-helper`), documented in docs/events.md.
public struct UsermodeHelperEventRecord: Sendable, Codable, Equatable {
    public struct Trigger: Sendable, Codable, Equatable {
        public var pid: UInt32
        public var uid: UInt32
        public var comm: String
    }

    public var schema: Int
    public var type: String
    public var kind: String
    public var alert: Bool
    public var verdict: String
    public var response: String
    public var path: String
    public var argv: [String]?
    public var envp: [String]?
    public var truncated: Bool?
    /// Who made the kernel call the helper (`call`).
    public var trigger: Trigger?
    /// The helper's own task (`exec-refused`).
    public var pid: UInt32?
    public var variable: String?
    public var variableAtUse: String?
    public var variableExpected: String?
    public var reason: String
    public var summary: String
    public var bootNanoseconds: UInt64

    public init(_ event: UsermodeHelperEvent) {
        schema = EventRecord.schemaVersion
        type = "usermode-helper"
        kind = event.stage.name
        alert = event.isAlert
        verdict = event.verdict.name
        response = event.response.name
        path = event.path
        if event.stage == .call {
            argv = event.argv
            envp = event.envp
            truncated = event.truncated ? true : nil
            trigger = Trigger(pid: event.pid, uid: event.uid, comm: event.comm)
        } else {
            pid = event.pid
        }
        variable = event.variable?.name
        variableAtUse = event.variable == nil ? nil : event.variableAtUse
        variableExpected = event.variable == nil ? nil : event.variableExpected
        reason = event.reason
        summary = event.summary
        bootNanoseconds = event.bootNanoseconds
    }
}

/// The JSON Lines form of a refused module load (schema 1, `type` `module-policy`).
public struct ModulePolicyEventRecord: Sendable, Codable, Equatable {
    public var schema: Int
    public var type: String
    public var kind: String
    public var alert: Bool
    public var reason: String
    public var name: String?
    public var file: String?
    public var syscall: String
    public var pid: UInt32
    public var uid: UInt32
    public var comm: String
    public var response: String
    public var summary: String
    public var bootNanoseconds: UInt64

    public init(_ event: ModulePolicyEvent) {
        schema = EventRecord.schemaVersion
        type = "module-policy"
        kind = "refused"
        alert = true
        reason = event.reason.name
        name = event.name
        file = event.file
        syscall = event.operation.systemCall
        pid = event.pid
        uid = event.uid
        comm = event.comm
        response = "refused"
        summary = event.summary
        bootNanoseconds = event.bootNanoseconds
    }
}
