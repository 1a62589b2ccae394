/// The JSON Lines form of a kernel-integrity finding (schema 1, `type`
/// `kernel-integrity`), documented in docs/events.md.
public struct KernelEventRecord: Sendable, Codable, Equatable {
    public var schema: Int
    public var type: String
    public var kind: KernelIntegrityFinding.Kind
    public var check: KernelCheck
    public var trigger: KernelCheckTrigger
    public var bootNanoseconds: UInt64
    public var region: String
    public var symbol: String
    public var module: String?
    /// Kernel address, only at debug level.
    public var address: String?
    public var expected: String?
    public var actual: String?
    public var detail: String?
    public var response: String
    public var summary: String

    public init(_ finding: KernelIntegrityFinding, bootNanoseconds: UInt64, response: String, includeKernelAddresses: Bool) {
        schema = EventRecord.schemaVersion
        type = "kernel-integrity"
        kind = finding.kind
        check = finding.check
        trigger = finding.trigger
        self.bootNanoseconds = bootNanoseconds
        region = finding.region
        symbol = finding.symbol
        module = finding.module
        address = includeKernelAddresses ? finding.address.map { "0x" + String($0, radix: 16) } : nil
        expected = finding.expected
        actual = finding.actual
        detail = finding.detail
        self.response = response
        summary = finding.summary
    }
}
