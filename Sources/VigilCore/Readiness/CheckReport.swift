/// The result of `vigil check`: the facts observed, the verdict on each
/// facility, and the guard features this kernel cannot support.
///
/// Its JSON form (`vigil check --json`) is versioned by `schemaVersion`.
public struct CheckReport: Sendable, Codable, Equatable {
    public static let schemaVersion = 1

    public struct Producer: Sendable, Codable, Equatable {
        public var version: String
        public var libbpf: String
        public var schemaVersion: Int
    }

    public var vigil: Producer
    public var facts: KernelFacts
    public var assessments: [FacilityAssessment]
    public var overall: FacilityAssessment.Status
    public var disabledFeatures: [GuardFeature]

    public init(facts: KernelFacts, libbpfVersion: String, vigilVersion: String = VigilVersion.current) {
        let readiness = GuardReadiness(facts: facts)
        self.vigil = Producer(version: vigilVersion, libbpf: libbpfVersion, schemaVersion: Self.schemaVersion)
        self.facts = facts
        self.assessments = readiness.assessments
        self.overall = readiness.overall
        self.disabledFeatures = readiness.disabledFeatures
    }
}
