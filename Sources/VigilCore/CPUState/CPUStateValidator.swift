/// Judges what was read of the CPUs against the kernel's entry points and the
/// baseline taken at start. Pure: it reads nothing itself.
///
/// - An entry MSR (LSTAR, CSTAR, SYSENTER_EIP) must hold the kernel's entry
///   point (`SystemCallEntryExpectation`), at start too: an MSR that already
///   points elsewhere when Vigil starts is tampering, not baseline.
/// - Every watched MSR of every CPU must keep the value it had at start
///   (SYSENTER_ESP differs from CPU to CPU, so only its own baseline can judge it).
/// - Every watched CR4 bit that was set at start on any CPU, or that the kernel
///   sets on this machine (the CPU has it and the command line does not turn it
///   off), must be set in every CPU's CR4 shadow.
///
/// A deviation is reported once per CPU and register until its value changes
/// again, and reported anew if it comes back after being righted. With
/// `acceptChanges` (kint_enforce 0) the reported value becomes the expected one.
public struct CPUStateValidator: Sendable {
    /// What one finding is about: an MSR or CR4 of one CPU.
    struct Key: Hashable, Sendable {
        var cpu: Int
        /// Nil for CR4.
        var register: ModelSpecificRegister?
    }

    public let expectations: [ModelSpecificRegister: SystemCallEntryExpectation]
    /// The CR4 bits judged (smep_validate, smap_validate).
    public let watchedBits: ControlRegister4
    /// The bits every CPU must have set (those a CPU seen later must have).
    public let requiredBits: ControlRegister4
    /// The value each CPU's MSR must keep. Absent until a value the expectation accepts was seen.
    private var baseline: [Key: UInt64] = [:]
    /// The watched bits each CPU's shadow must have set, and those it had at start.
    private var required: [Int: ControlRegister4] = [:]
    private var startBits: [Int: ControlRegister4] = [:]
    private let setOnSomeCPU: ControlRegister4
    /// The value last reported for each deviating key.
    private var reported: [Key: UInt64] = [:]

    /// Takes the baseline.
    /// - Parameters:
    ///   - baseline: what was read of each online CPU at start.
    ///   - watchedBits: the CR4 bits to judge (none when CR4 is not checked).
    public init(
        baseline: [ProcessorState], expectations: [SystemCallEntryExpectation], platform: ProcessorPlatform, watchedBits: ControlRegister4
    ) {
        self.expectations = Dictionary(expectations.map { ($0.register, $0) }) { first, _ in first }
        self.watchedBits = watchedBits
        var some: ControlRegister4 = []
        for state in baseline {
            if let shadow = state.cr4Shadow { some.formUnion(ControlRegister4(rawValue: shadow).intersection(watchedBits)) }
        }
        setOnSomeCPU = some
        requiredBits = some.union(platform.expectedControlRegister4.intersection(watchedBits))
        for state in baseline {
            for (register, value) in state.registers {
                // A value the expectation refuses is no baseline: the first check reports it.
                if let expectation = self.expectations[register], !expectation.accepts(value) { continue }
                self.baseline[Key(cpu: state.cpu, register: register)] = value
            }
            if let shadow = state.cr4Shadow {
                required[state.cpu] = requiredBits
                startBits[state.cpu] = ControlRegister4(rawValue: shadow).intersection(watchedBits)
            }
        }
    }

    /// Judges one reading of the CPUs.
    /// - Parameters:
    ///   - acceptChanges: kint_enforce 0: a reported value becomes the expected one.
    ///   - describe: names a value that may be a kernel address (`entry_SYSCALL_64+0x0`,
    ///     `vr_hook+0x0 [vigil_rootkit]`, or hex) and the module that owns it.
    public mutating func check(
        _ states: [ProcessorState], trigger: KernelCheckTrigger, acceptChanges: Bool,
        describe: (UInt64) -> (text: String, module: String?)
    ) -> [KernelIntegrityFinding] {
        var findings: [KernelIntegrityFinding] = []
        for state in states.sorted(by: { $0.cpu < $1.cpu }) {
            for register in state.registers.keys.sorted() {
                guard let value = state.registers[register] else { continue }
                checkRegister(register, value: value, cpu: state.cpu, trigger: trigger, acceptChanges: acceptChanges, describe: describe, into: &findings)
            }
            if let shadow = state.cr4Shadow, !watchedBits.isEmpty {
                checkControlRegister4(shadow, cpu: state.cpu, trigger: trigger, acceptChanges: acceptChanges, into: &findings)
            }
        }
        return findings
    }

    private mutating func checkRegister(
        _ register: ModelSpecificRegister, value: UInt64, cpu: Int, trigger: KernelCheckTrigger, acceptChanges: Bool,
        describe: (UInt64) -> (text: String, module: String?), into findings: inout [KernelIntegrityFinding]
    ) {
        let key = Key(cpu: cpu, register: register)
        let known = baseline[key]
        if value == known {
            reported[key] = nil
            return
        }
        let expectation = expectations[register]
        let refused: SystemCallEntryExpectation?
        if let expectation, !expectation.accepts(value) {
            refused = expectation
        } else if let known, expectation?.accepts(known) ?? true {
            refused = nil
        } else {
            // A CPU seen for the first time, or an entry point back where it belongs.
            baseline[key] = value
            reported[key] = nil
            return
        }
        if acceptChanges { baseline[key] = value }
        guard reported[key] != value else { return }
        reported[key] = value
        // Named only when reported: naming may re-read kallsyms.
        let expected = refused?.names ?? known.map { render($0, of: register, describe: describe).text } ?? ""
        let detail = refused.map { "does not point at \($0.names)" } ?? "per-CPU value differs from the baseline taken at start"
        let actual = render(value, of: register, describe: describe)
        findings.append(KernelIntegrityFinding(
            kind: .tampered, check: .cpuState, trigger: trigger, region: "CPU \(cpu) MSR \(register.name)", symbol: register.name,
            module: actual.module, expected: expected, actual: actual.text, detail: detail
        ))
    }

    private mutating func checkControlRegister4(
        _ shadow: UInt64, cpu: Int, trigger: KernelCheckTrigger, acceptChanges: Bool, into findings: inout [KernelIntegrityFinding]
    ) {
        let key = Key(cpu: cpu, register: nil)
        let must = required[cpu] ?? requiredBits
        required[cpu] = must
        let missing = must.subtracting(ControlRegister4(rawValue: shadow))
        guard !missing.isEmpty else {
            reported[key] = nil
            return
        }
        if acceptChanges { required[cpu] = must.subtracting(missing) }
        guard reported[key] != shadow else { return }
        reported[key] = shadow
        let reasons = missing.members.map { bit in
            if startBits[cpu]?.contains(bit) ?? false {
                "\(bit.name) cleared since the baseline was taken"
            } else if setOnSomeCPU.contains(bit) {
                "\(bit.name) clear although other CPUs had it set at start"
            } else {
                "\(bit.name) clear although the CPU has it (cpuinfo flag \(bit.cpuinfoFlag)) and the command line does not turn it off"
            }
        }
        findings.append(KernelIntegrityFinding(
            kind: .tampered, check: .cpuState, trigger: trigger, region: "CPU \(cpu) CR4 (kernel shadow)", symbol: "CR4",
            expected: Self.hex(shadow | missing.rawValue) + " (\(must.names) set)", actual: Self.hex(shadow) + " (\(missing.names) clear)",
            detail: reasons.joined(separator: "; ")
        ))
    }

    /// Kernel addresses by name where they have one; segment selectors in hex.
    private func render(_ value: UInt64, of register: ModelSpecificRegister, describe: (UInt64) -> (text: String, module: String?)) -> (text: String, module: String?) {
        switch register {
        case .star, .sysenterCS: (Self.hex(value), nil)
        case .lstar, .cstar, .sysenterEIP, .sysenterESP: describe(value)
        }
    }

    static func hex(_ value: UInt64) -> String {
        "0x" + String(value, radix: 16)
    }
}
