/// What the kernel-integrity baseline covers on this machine, and what not and why.
public struct KernelIntegrityCoverage: Sendable, Equatable {
    public var regions: [String] = []
    public var bytesCovered: Int = 0
    public var patchSites: [String: Int] = [:]
    public var variables: [String] = []
    public var systemCalls: Int = 0
    public var interruptGates: Int = 0
    public var modules: Int = 0
    /// The CPUs' MSRs and control registers, item by item.
    public var cpuState = CPUStateCoverage()
    /// Each gap as "what: why".
    public var gaps: [String] = []

    public init() {}
}
