#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import VigilCore

extension KernelIntegrityTests {
    @Suite("kernel integrity policy and events")
    struct KernelIntegrityPolicyTests {
        @Test func lkrgNumbers() throws {
            let policy = try KernelIntegrityPolicy(kintValidate: 3, kintEnforce: 1, interval: 5)
            #expect(policy == .default)
            #expect(policy.enabled && policy.onTimer && policy.onEvents)

            let off = try KernelIntegrityPolicy(kintValidate: 0, kintEnforce: 0, interval: 0.5)
            #expect(off.validation == .off)
            #expect(off.enforcement == .logAndAccept)
            #expect(!off.enabled && !off.onTimer && !off.onEvents)

            let demand = try KernelIntegrityPolicy(kintValidate: 1, kintEnforce: 2, interval: 3600)
            #expect(demand.validation == .onDemand)
            #expect(demand.enforcement == .panic)
            #expect(demand.enabled && !demand.onTimer && !demand.onEvents)

            let periodic = try KernelIntegrityPolicy(kintValidate: 2, kintEnforce: 1, interval: 10)
            #expect(periodic.onTimer && !periodic.onEvents)
            #expect(KernelIntegrityPolicy.Validation.allCases.map(\.rawValue) == [0, 1, 2, 3])
            #expect(KernelIntegrityPolicy.Enforcement.allCases.map(\.rawValue) == [0, 1, 2])
        }

        @Test(arguments: [
            (-1, 1, 5.0, "kint_validate", "-1"),
            (4, 1, 5.0, "kint_validate", "4"),
            (3, -1, 5.0, "kint_enforce", "-1"),
            (3, 3, 5.0, "kint_enforce", "3"),
            (3, 1, 0.4, "interval", "0.4"),
            (3, 1, 3600.5, "interval", "3600.5"),
            (9, 9, 0.0, "kint_validate", "9"),
        ])
        func badValuesNameTheirKey(validate: Int, enforce: Int, interval: Double, key: String, value: String) {
            #expect(throws: PolicyError.self) {
                _ = try KernelIntegrityPolicy(kintValidate: validate, kintEnforce: enforce, interval: interval)
            }
            do {
                _ = try KernelIntegrityPolicy(kintValidate: validate, kintEnforce: enforce, interval: interval)
            } catch {
                #expect(error.key == key)
                #expect(error.value == value)
                #expect(error.description.hasPrefix("\(key) \(value) is not allowed; use "))
            }
        }

        @Test func notANumberIntervalIsRejected() {
            #expect(throws: PolicyError.self) { _ = try KernelIntegrityPolicy(kintValidate: 3, kintEnforce: 1, interval: .nan) }
            #expect(throws: PolicyError.self) { _ = try KernelIntegrityPolicy(kintValidate: 3, kintEnforce: 1, interval: .infinity) }
        }

        /// A number beyond UInt32 (`vigil run --kint-validate 4294967296`) once trapped instead of throwing.
        @Test func hugeNumbersAreRejectedNotTrapped() {
            #expect(throws: PolicyError.self) { _ = try KernelIntegrityPolicy(kintValidate: 1 << 32, kintEnforce: 1, interval: 5) }
            #expect(throws: PolicyError.self) { _ = try KernelIntegrityPolicy(kintValidate: 3, kintEnforce: 1 << 33, interval: 5) }
            #expect(throws: PolicyError.self) { _ = try ProcessIntegrityPolicy(pintValidate: 1 << 32, pintEnforce: 1) }
        }

        @Test func policyCodableRoundTrip() throws {
            let data = try JSONEncoder().encode(KernelIntegrityPolicy.default)
            #expect(try JSONDecoder().decode(KernelIntegrityPolicy.self, from: data) == .default)
        }

        // MARK: Event records

        static let finding = KernelIntegrityFinding(
            kind: .tampered, check: .coreText, trigger: .timer, region: "core text", symbol: "do_something+0x5",
            address: 0xffff_ffff_8100_0505, expected: "90", actual: "c3", detail: "outside any patch site"
        )

        /// A JSON value of a flat object.
        enum Scalar: Decodable, Equatable {
            case string(String), number(Double), null

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if container.decodeNil() { self = .null } else if let text = try? container.decode(String.self) { self = .string(text) } else {
                    self = .number(try container.decode(Double.self))
                }
            }
        }

        static func json(_ record: KernelEventRecord) throws -> [String: Scalar] {
            try JSONDecoder().decode([String: Scalar].self, from: try JSONEncoder().encode(record))
        }

        @Test func recordWithoutKernelAddresses() throws {
            let record = KernelEventRecord(Self.finding, bootNanoseconds: 42, response: "logged", includeKernelAddresses: false)
            #expect(record.address == nil)
            let object = try Self.json(record)
            #expect(object["type"] == .string("kernel-integrity"))
            #expect(object["schema"] == .number(Double(EventRecord.schemaVersion)))
            #expect(object["kind"] == .string("tampered"))
            #expect(object["check"] == .string("core-text"))
            #expect(object["trigger"] == .string("timer"))
            #expect(object["symbol"] == .string("do_something+0x5"))
            #expect(object["expected"] == .string("90"))
            #expect(object["actual"] == .string("c3"))
            #expect(object["response"] == .string("logged"))
            #expect(object["summary"] == .string(Self.finding.summary))
            #expect(object["address"] == nil, "no kernel address unless asked for")
            #expect(object["module"] == nil)
        }

        @Test func recordWithKernelAddresses() throws {
            let record = KernelEventRecord(Self.finding, bootNanoseconds: 42, response: "logged", includeKernelAddresses: true)
            #expect(record.address == "0xffffffff81000505")
            #expect(try Self.json(record)["address"] == .string("0xffffffff81000505"))
            let decoded = try JSONDecoder().decode(KernelEventRecord.self, from: try JSONEncoder().encode(record))
            #expect(decoded == record)
        }

        @Test func kindsAndTriggersHaveTheirEventNames() throws {
            var finding = Self.finding
            finding.kind = .legitimateChange
            finding.trigger = .variableWrite
            finding.check = .variable
            let object = try Self.json(KernelEventRecord(finding, bootNanoseconds: 0, response: "none", includeKernelAddresses: false))
            #expect(object["kind"] == .string("legitimate-change"))
            #expect(object["trigger"] == .string("variable-write"))
            #expect(object["check"] == .string("variable"))
            #expect(KernelIntegrityFinding.Kind.hookAdded.rawValue == "hook-added")
            #expect(KernelCheckTrigger.moduleLoad.rawValue == "module-load")
        }

        @Test func summariesAndIdentity() {
            #expect(Self.finding.isAlert)
            let module = KernelIntegrityFinding(kind: .moduleLoaded, check: .moduleList, trigger: .moduleLoad, region: "modules", symbol: "ext4")
            #expect(module.summary == "NOTICE: Kernel: module ext4 loaded")
            #expect(!module.isAlert)
            var other = Self.finding
            other.address = 1
            other.detail = "something else"
            #expect(other.identity == Self.finding.identity, "address and detail do not make a new finding")
            other.actual = "c2"
            #expect(other.identity != Self.finding.identity)
        }
    }
}
