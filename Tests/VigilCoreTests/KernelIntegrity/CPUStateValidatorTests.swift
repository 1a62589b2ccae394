import Testing
@testable import VigilCore

extension KernelIntegrityTests {
    /// The CPU-state check end to end: `KernelIntegrityValidator` against `FakeKernel`'s two CPUs.
    @Suite("CPU state")
    struct CPUStateValidatorTests {
        typealias K = FakeKernel
        typealias P = FakeProcessors

        static func validator(_ kernel: FakeKernel, policy: KernelIntegrityPolicy = .default) throws -> KernelIntegrityValidator {
            try KernelIntegrityValidator(source: kernel, policy: policy)
        }

        /// A kernel whose kallsyms lists the entry points.
        static func kernelWithEntries() -> FakeKernel {
            let kernel = FakeKernel()
            kernel.cpus.entrySymbols = true
            return kernel
        }

        static func timer(_ validator: KernelIntegrityValidator) -> [KernelIntegrityFinding] {
            validator.validate(trigger: .timer, moduleList: []).filter { $0.check == .cpuState }
        }

        // MARK: Coverage

        @Test func cleanCPUsAreCoveredWithoutFindings() throws {
            let kernel = Self.kernelWithEntries()
            let validator = try Self.validator(kernel)
            #expect(validator.startFindings().isEmpty)
            #expect(validator.validate(trigger: .start, moduleList: []).isEmpty)
            #expect(Self.timer(validator).isEmpty)
            let items = validator.coverage.cpuState.items
            #expect(items.map(\.item) == ["MSRs", "CR4", "CR0.WP"])
            #expect(items.map(\.covered) == [true, true, false])
            #expect(items[0].detail.hasPrefix("IA32_SYSENTER_CS, IA32_SYSENTER_ESP, IA32_SYSENTER_EIP, IA32_STAR, IA32_LSTAR, IA32_CSTAR on CPUs 0-1"))
            #expect(items[0].detail.contains("IA32_LSTAR must be entry_SYSCALL_64"))
            #expect(items[0].detail.contains("IA32_CSTAR must be entry_SYSCALL_compat"))
            #expect(items[1].line == "CR4: UMIP, SMEP, SMAP in the kernel shadow cpu_tlbstate.cr4 on 2 CPUs (the shadow, not the register: a direct mov to CR4 is not seen)")
            #expect(items[2].line.hasPrefix("CR0.WP: not covered: the kernel keeps no copy of CR0"))
            #expect(items[2].detail.contains("caught by the core-text check"))
            #expect(validator.coverage.gaps.isEmpty, "CR0.WP is out of reach everywhere, not a gap of this machine")
        }

        @Test func noMSRDriverIsAGap() throws {
            let kernel = FakeKernel()
            kernel.cpus.driverMissing = true
            let validator = try Self.validator(kernel)
            #expect(validator.coverage.cpuState.items.first == CPUStateCoverage.Item(
                item: "MSRs", covered: false, detail: "/dev/cpu/0/msr is missing (load the msr module)"
            ))
            #expect(validator.coverage.gaps == ["MSRs: /dev/cpu/0/msr is missing (load the msr module)"])
            #expect(Self.timer(validator).isEmpty)
        }

        @Test func noPerCPUSymbolsOrBTFLeaveCR4Uncovered() throws {
            let kernel = FakeKernel()
            kernel.cpus.btfOffset = nil
            let validator = try Self.validator(kernel)
            #expect(validator.coverage.gaps == ["CR4: kernel BTF has no struct tlb_state with a member cr4"])
            // What is read there is not CR4 (PAE clear).
            let wrong = FakeKernel()
            wrong.cpus.shadows[0] = 0x10
            #expect(try Self.validator(wrong).coverage.gaps.first?.hasPrefix("CR4: CPU 0's cpu_tlbstate.cr4 does not hold a CR4 value") == true)
            // Nothing is mapped there.
            let unmapped = FakeKernel()
            unmapped.cpus.btfOffset = 16
            let unmappedGaps = try Self.validator(unmapped).coverage.gaps
            #expect(unmappedGaps == ["CR4: kernel address 0xffff888001028010 is not mapped"])
            // No per-CPU symbols (kallsyms without CONFIG_KALLSYMS_ALL).
            let bare = FakeKernel()
            let withoutData = try KernelIntegrityValidator(
                source: bare, policy: .default, symbols: KernelSymbols(FakeKernel.coreSymbols)
            )
            #expect(withoutData.coverage.gaps == ["CR4: kallsyms lists no __per_cpu_offset or cpu_tlbstate (data symbols need CONFIG_KALLSYMS_ALL)"])
        }

        @Test func knobsTurnPartsOff() throws {
            let kernel = Self.kernelWithEntries()
            let policy = KernelIntegrityPolicy(validation: .periodicAndEvents, enforcement: .log, interval: 5, msrValidate: false, smepValidate: true, smapValidate: false)
            let validator = try Self.validator(kernel, policy: policy)
            let items = validator.coverage.cpuState.items
            #expect(items[0].line == "MSRs: not covered: not validated (msr_validate 0)")
            #expect(items[1].detail.hasPrefix("UMIP, SMEP in the kernel shadow"))
            #expect(items[1].detail.hasSuffix("; not validated: SMAP (smap_validate 0)"))
            kernel.cpus.registers[0]?[.lstar] = 0
            kernel.cpus.shadows[1] = P.cr4 & ~ControlRegister4.smap.rawValue
            #expect(Self.timer(validator).isEmpty, "neither MSRs nor SMAP are judged")
            kernel.cpus.shadows[1] = P.cr4 & ~ControlRegister4.smep.rawValue
            #expect(Self.timer(validator).map(\.region) == ["CPU 1 CR4 (kernel shadow)"])
        }

        // MARK: Entry MSRs

        @Test func lstarHijackedBeforeStartIsReportedAtStartOnce() throws {
            let kernel = Self.kernelWithEntries()
            kernel.addEvilModule()
            for cpu in 0..<2 { kernel.cpus.registers[cpu]?[.lstar] = K.evilHook }
            let validator = try Self.validator(kernel)
            let findings = validator.startFindings()
            #expect(findings.map(\.region) == ["CPU 0 MSR IA32_LSTAR", "CPU 1 MSR IA32_LSTAR"])
            let finding = try #require(findings.first)
            #expect(finding == KernelIntegrityFinding(
                kind: .tampered, check: .cpuState, trigger: .start, region: "CPU 0 MSR IA32_LSTAR", symbol: "IA32_LSTAR",
                module: "evil", expected: "entry_SYSCALL_64", actual: "hook_fn+0x0 [evil]", detail: "does not point at entry_SYSCALL_64"
            ))
            #expect(finding.summary == "DETECT: Kernel: cpu-state: CPU 0 MSR IA32_LSTAR changed unexpectedly at IA32_LSTAR (does not point at entry_SYSCALL_64)")
            #expect(validator.validate(trigger: .start, moduleList: []).isEmpty, "reported once")
            #expect(Self.timer(validator).isEmpty)
        }

        @Test func lstarHijackedLaterIsReportedOnceUntilItChanges() throws {
            let kernel = Self.kernelWithEntries()
            let validator = try Self.validator(kernel)
            // Into memory that belongs to no symbol: shown in hex.
            kernel.cpus.registers[1]?[.lstar] = 0xffff_8880_0badc000
            let findings = Self.timer(validator)
            #expect(findings.map(\.region) == ["CPU 1 MSR IA32_LSTAR"])
            #expect(findings.first?.actual == "0xffff88800badc000")
            #expect(findings.first?.module == nil)
            let pauses = kernel.pauses
            #expect(Self.timer(validator).isEmpty, "not repeated every timer")
            #expect(validator.validate(trigger: .demand, moduleList: nil).isEmpty)
            #expect(kernel.pauses == pauses, "nothing looked at again")

            kernel.cpus.registers[1]?[.lstar] = 0xffff_8880_0badd000
            #expect(Self.timer(validator).map(\.actual) == ["0xffff88800badd000"], "a new value is a new finding")
            kernel.cpus.registers[1]?[.lstar] = P.entrySyscall64
            #expect(Self.timer(validator).isEmpty, "righted")
            kernel.cpus.registers[1]?[.lstar] = 0xffff_8880_0badd000
            #expect(Self.timer(validator).count == 1, "hijacked again after being righted: reported again")
        }

        @Test func sysenterStackChangedOnOneCPU() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.cpus.registers[1]?[.sysenterESP] = P.entryStack(0)
            let findings = Self.timer(validator)
            #expect(findings == [KernelIntegrityFinding(
                kind: .tampered, check: .cpuState, trigger: .timer, region: "CPU 1 MSR IA32_SYSENTER_ESP", symbol: "IA32_SYSENTER_ESP",
                expected: "0xfffffe0000041000", actual: "0xfffffe0000006000", detail: "per-CPU value differs from the baseline taken at start"
            )])
            #expect(Self.timer(validator).isEmpty)
        }

        @Test func segmentRegistersAreComparedWithTheBaselineInHex() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.cpus.registers[0]?[.star] = 0x0023_0008_0000_0000
            let finding = try #require(Self.timer(validator).first)
            #expect(finding.region == "CPU 0 MSR IA32_STAR")
            #expect(finding.expected == "0x23001000000000")
            #expect(finding.actual == "0x23000800000000")
        }

        @Test func logAndAcceptAdoptsTheNewValue() throws {
            let kernel = Self.kernelWithEntries()
            let validator = try Self.validator(kernel, policy: KernelIntegrityValidatorTests.acceptPolicy)
            kernel.cpus.registers[0]?[.sysenterESP] = 0xffff_fe00_0000_1000
            kernel.cpus.registers[0]?[.lstar] = 0xffff_8880_0badc000
            #expect(Self.timer(validator).map(\.symbol) == ["IA32_SYSENTER_ESP", "IA32_LSTAR"])
            #expect(Self.timer(validator).isEmpty, "accepted into the baseline")
            kernel.cpus.registers[0]?[.sysenterESP] = P.entryStack(0)
            #expect(Self.timer(validator).map(\.symbol) == ["IA32_SYSENTER_ESP"], "a change from the accepted value")
            kernel.cpus.registers[0]?[.lstar] = P.entrySyscall64
            #expect(Self.timer(validator).isEmpty, "back at the kernel's entry point")
        }

        @Test func aCPUBroughtOnlineLaterIsBaselinedThenJudged() throws {
            let kernel = Self.kernelWithEntries()
            let validator = try Self.validator(kernel)
            kernel.cpus.online = [0, 1, 2]
            kernel.cpus.registers[2] = P.legitimateRegisters(cpu: 2)
            kernel.cpus.shadows[2] = P.cr4
            #expect(Self.timer(validator).isEmpty)
            kernel.cpus.registers[2]?[.sysenterESP] = 0
            kernel.cpus.shadows[2] = P.cr4 & ~ControlRegister4.umip.rawValue
            #expect(Self.timer(validator).map(\.region) == ["CPU 2 MSR IA32_SYSENTER_ESP", "CPU 2 CR4 (kernel shadow)"])
        }

        @Test func fredLeavesTheEntryMSRsToTheBaseline() throws {
            let kernel = Self.kernelWithEntries()
            kernel.cpus.platformValue.flags.insert("fred")
            for cpu in 0..<2 { kernel.cpus.registers[cpu]?[.lstar] = 0 }
            let validator = try Self.validator(kernel)
            #expect(validator.startFindings().isEmpty)
            #expect(validator.coverage.cpuState.items.contains { $0.item == "IA32_LSTAR, IA32_CSTAR, IA32_SYSENTER_EIP" && $0.detail.contains("FRED is active") })
            kernel.cpus.registers[0]?[.lstar] = P.entrySyscall64
            #expect(Self.timer(validator).map(\.detail) == ["per-CPU value differs from the baseline taken at start"])
        }

        @Test func intelLeavesCSTARUnwritten() throws {
            let kernel = Self.kernelWithEntries()
            kernel.cpus.platformValue.vendor = "GenuineIntel"
            for cpu in 0..<2 { kernel.cpus.registers[cpu]?[.cstar] = 0 }
            let validator = try Self.validator(kernel)
            #expect(validator.startFindings().isEmpty)
            #expect(validator.coverage.cpuState.items.contains { $0.item == "IA32_CSTAR" && $0.detail.hasPrefix("compared with the baseline only") })
        }

        @Test func amdKeepsTheLowHalfOfSysenterEIP() throws {
            let kernel = Self.kernelWithEntries()
            for cpu in 0..<2 { kernel.cpus.registers[cpu]?[.sysenterEIP] = P.entrySysenterCompat & 0xFFFF_FFFF }
            #expect(try Self.validator(kernel).startFindings().isEmpty)
            // On Intel the same value would send SYSENTER into user memory.
            kernel.cpus.platformValue.vendor = "GenuineIntel"
            #expect(try Self.validator(kernel).startFindings().map(\.symbol) == ["IA32_SYSENTER_EIP", "IA32_SYSENTER_EIP"])
        }

        // MARK: CR4

        @Test func aClearedCR4BitIsReported() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.cpus.shadows[1] = P.cr4 & ~(ControlRegister4.smep.rawValue | ControlRegister4.smap.rawValue)
            let findings = Self.timer(validator)
            #expect(findings == [KernelIntegrityFinding(
                kind: .tampered, check: .cpuState, trigger: .timer, region: "CPU 1 CR4 (kernel shadow)", symbol: "CR4",
                expected: "0x370ef0 (UMIP, SMEP, SMAP set)", actual: "0x70ef0 (SMEP, SMAP clear)",
                detail: "SMEP cleared since the baseline was taken; SMAP cleared since the baseline was taken"
            )])
            #expect(Self.timer(validator).isEmpty)
        }

        @Test func aBitClearAtStartThatTheKernelSetsIsReported() throws {
            let kernel = FakeKernel()
            for cpu in 0..<2 { kernel.cpus.shadows[cpu] = P.cr4 & ~ControlRegister4.smap.rawValue }
            let findings = try Self.validator(kernel).startFindings()
            #expect(findings.map(\.region) == ["CPU 0 CR4 (kernel shadow)", "CPU 1 CR4 (kernel shadow)"])
            #expect(findings.first?.detail == "SMAP clear although the CPU has it (cpuinfo flag smap) and the command line does not turn it off")

            // nosmap (or clearcpuid=smap) turns it off legitimately.
            kernel.cpus.platformValue.parameters = ["nosmap"]
            #expect(try Self.validator(kernel).startFindings().isEmpty)
            kernel.cpus.platformValue.parameters = ["clearcpuid=514,smap"]
            #expect(try Self.validator(kernel).startFindings().isEmpty)

            // Clear on one CPU only, while the others have it.
            kernel.cpus.platformValue.parameters = ["nosmap"]
            kernel.cpus.shadows[0] = P.cr4
            #expect(try Self.validator(kernel).startFindings().map(\.detail) == ["SMAP clear although other CPUs had it set at start"])
        }

        // MARK: Policy

        @Test(arguments: [(2, 1, 1, "msr_validate"), (1, -1, 1, "smep_validate"), (1, 1, 7, "smap_validate")])
        func knobsAreZeroOrOne(msr: Int, smep: Int, smap: Int, key: String) {
            do {
                _ = try KernelIntegrityPolicy(kintValidate: 3, kintEnforce: 1, interval: 5, msrValidate: msr, smepValidate: smep, smapValidate: smap)
                Issue.record("accepted \(key)")
            } catch {
                #expect(error.key == key)
                #expect(error.allowed == "0 or 1")
            }
        }

        @Test func knobsDefaultOn() throws {
            let policy = try KernelIntegrityPolicy(kintValidate: 3, kintEnforce: 1, interval: 5)
            #expect(policy.msrValidate && policy.smepValidate && policy.smapValidate)
            let off = try KernelIntegrityPolicy(kintValidate: 3, kintEnforce: 1, interval: 5, msrValidate: 0, smepValidate: 0, smapValidate: 0)
            #expect(!off.msrValidate && !off.smepValidate && !off.smapValidate)
            #expect(off != .default)
        }
    }
}
