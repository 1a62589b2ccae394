/// The JSON Lines form of an event (`vigil run --json`), one object per line.
/// `schema` is bumped whenever a field changes meaning or disappears.
public struct EventRecord: Sendable, Codable, Equatable {
    public static let schemaVersion = 1

    public var schema: Int
    public var type: String
    public var kind: TaskIntegrityEvent.Kind
    public var bootNanoseconds: UInt64
    public var pid: UInt32
    public var tid: UInt32
    public var comm: String
    public var executable: String
    public var parents: [TaskIntegrityEvent.ProcessReference]
    public var hook: String
    public var syscall: String?
    public var fields: [String]
    public var changes: [TaskIntegrityEvent.FieldChange]
    public var response: TaskIntegrityEvent.Response
    public var summary: String
    /// Full expected and actual states, kernel pointers included: debug level only.
    public var expected: TaskSecurityState?
    public var actual: TaskSecurityState?

    public init(_ event: TaskIntegrityEvent, includeKernelAddresses: Bool) {
        schema = Self.schemaVersion
        type = "process-integrity"
        kind = event.kind
        bootNanoseconds = event.bootNanoseconds
        pid = event.process.pid
        tid = event.process.tid
        comm = event.process.comm
        executable = event.executable
        parents = event.parents
        hook = event.hookName
        syscall = event.syscall?.description
        fields = event.fields.map(\.description)
        changes = event.changes(includeKernelAddresses: includeKernelAddresses)
        response = event.response
        summary = event.summary
        expected = includeKernelAddresses ? event.expected : nil
        actual = includeKernelAddresses ? event.actual : nil
    }
}
