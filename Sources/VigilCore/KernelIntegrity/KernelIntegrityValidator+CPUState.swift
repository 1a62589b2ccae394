/// The CPU-state check inside every validation: each online CPU's system call
/// entry MSRs and the watched bits of the kernel's CR4 shadow, judged by
/// `CPUStateValidator`. A few `pread`s and two kernel-memory reads per CPU.
extension KernelIntegrityValidator {
    /// What the CPU-state check keeps between validations.
    struct CPUStateWatch {
        var processors: (any ProcessorStateSource)?
        var validator: CPUStateValidator?
        /// MSRs are read (msr_validate 1 and the driver answered at start).
        var readsRegisters = false
        var locator: CR4ShadowLocator?
        /// Each CPU's shadow address, once found.
        var shadowAddresses: [Int: UInt64] = [:]
    }

    /// Why a part of the CPU state cannot be read, as the coverage says it.
    struct CPUStateUnavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads every online CPU once and takes the CPU-state baseline; records what is
    /// covered in `coverage.cpuState` and adds this machine's gaps to `coverage.gaps`.
    func takeCPUStateBaseline() {
        let processors = source.processors()
        var watch = CPUStateWatch(processors: processors)
        var items: [CPUStateCoverage.Item] = []
        let platform = (try? processors.platform()) ?? .unknown
        var cpus: [Int] = []
        var unlisted: String?
        do {
            cpus = try processors.onlineProcessors()
            if cpus.isEmpty { unlisted = "no CPU is listed online" }
        } catch {
            unlisted = "the online CPUs cannot be listed: \(error)"
        }

        var expectations: [SystemCallEntryExpectation] = []
        if !policy.msrValidate {
            items.append(CPUStateCoverage.Item(item: "MSRs", covered: false, detail: "not validated (msr_validate 0)"))
        } else if let unlisted {
            items.append(CPUStateCoverage.Item(item: "MSRs", covered: false, detail: unlisted))
        } else if let first = cpus.first {
            do {
                _ = try processors.modelSpecificRegisters(cpu: first)
                watch.readsRegisters = true
                let judged = SystemCallEntryExpectation.expectations(
                    address: { self.symbols.address(of: $0) }, platform: platform, ia32Emulation: ia32Emulation(platform)
                )
                expectations = judged.expectations
                let names = ModelSpecificRegister.allCases.sorted().map(\.name).joined(separator: ", ")
                let entries = judged.expectations.map { "\($0.register.name) must be \($0.names)" }
                items.append(CPUStateCoverage.Item(
                    item: "MSRs", covered: true,
                    detail: "\(names) on CPUs \(CPUListParser.format(cpus)) through the msr driver, each against its value at start"
                        + (entries.isEmpty ? "" : "; " + entries.joined(separator: ", "))
                ))
                items += judged.notes
            } catch {
                items.append(CPUStateCoverage.Item(item: "MSRs", covered: false, detail: "\(error)"))
            }
        }

        var watched: ControlRegister4 = []
        if policy.smepValidate { watched.formUnion([.smep, .umip]) }
        if policy.smapValidate { watched.insert(.smap) }
        if watched.isEmpty {
            items.append(CPUStateCoverage.Item(item: "CR4", covered: false, detail: "not validated (smep_validate 0, smap_validate 0)"))
        } else if let unlisted {
            items.append(CPUStateCoverage.Item(item: "CR4", covered: false, detail: unlisted))
        } else {
            do {
                let locator = try controlRegister4Locator(processors)
                watch.locator = locator
                for cpu in cpus {
                    let address = try locator.address(cpu: cpu, memory: source.memory)
                    guard try CR4ShadowLocator.read(at: address, memory: source.memory) != nil else {
                        throw CPUStateUnavailable(description: "CPU \(cpu)'s cpu_tlbstate.cr4 does not hold a CR4 value (PAE clear): the layout is not what BTF says")
                    }
                    watch.shadowAddresses[cpu] = address
                }
                let off = [policy.smepValidate ? nil : "SMEP and UMIP (smep_validate 0)", policy.smapValidate ? nil : "SMAP (smap_validate 0)"].compactMap { $0 }
                items.append(CPUStateCoverage.Item(
                    item: "CR4", covered: true,
                    detail: "\(watched.names) in the kernel shadow cpu_tlbstate.cr4 on \(cpus.count) CPU\(cpus.count == 1 ? "" : "s") "
                        + "(the shadow, not the register: a direct mov to CR4 is not seen)"
                        + (off.isEmpty ? "" : "; not validated: " + off.joined(separator: ", "))
                ))
            } catch {
                watch.locator = nil
                items.append(CPUStateCoverage.Item(item: "CR4", covered: false, detail: "\(error)"))
            }
        }
        items.append(CPUStateCoverage.controlRegister0)

        cpuWatch = watch  // readProcessors reads through what was found above
        watch.validator = CPUStateValidator(
            baseline: readProcessors(cpus), expectations: expectations, platform: platform,
            watchedBits: watch.locator == nil ? [] : watched
        )
        cpuWatch = watch
        coverage.cpuState = CPUStateCoverage(items: items)
        // CR0.WP is out of reach everywhere: not a gap of this machine.
        coverage.gaps += coverage.cpuState.gaps.filter { !$0.hasPrefix(CPUStateCoverage.controlRegister0.item + ":") }
    }

    /// Reads each online CPU and judges what it holds.
    func validateCPUState(trigger: KernelCheckTrigger, into findings: inout [KernelIntegrityFinding]) {
        guard var validator = cpuWatch.validator, let cpus = try? cpuWatch.processors?.onlineProcessors() else { return }
        let states = readProcessors(cpus)
        findings += validator.check(states, trigger: trigger, acceptChanges: policy.enforcement == .logAndAccept) { value in
            // The value may lead into a module loaded since the symbols were read.
            self.refreshSymbols(force: true)
            return self.describeEntry(value)
        }
        cpuWatch.validator = validator
    }

    /// What can be read of each CPU now; what cannot is left out of its state.
    func readProcessors(_ cpus: [Int]) -> [ProcessorState] {
        cpus.map { cpu in
            var state = ProcessorState(cpu: cpu)
            if cpuWatch.readsRegisters, let processors = cpuWatch.processors {
                state.registers = (try? processors.modelSpecificRegisters(cpu: cpu)) ?? [:]
            }
            state.cr4Shadow = controlRegister4Shadow(cpu: cpu)
            return state
        }
    }

    private func controlRegister4Shadow(cpu: Int) -> UInt64? {
        guard let locator = cpuWatch.locator else { return nil }
        let memory = source.memory
        if cpuWatch.shadowAddresses[cpu] == nil {
            // A CPU brought online since the baseline.
            cpuWatch.shadowAddresses[cpu] = try? locator.address(cpu: cpu, memory: memory)
        }
        guard let address = cpuWatch.shadowAddresses[cpu] else { return nil }
        return (try? CR4ShadowLocator.read(at: address, memory: memory)) ?? nil
    }

    private func controlRegister4Locator(_ processors: any ProcessorStateSource) throws -> CR4ShadowLocator {
        guard symbols.address(of: CR4ShadowLocator.offsetsSymbol) != nil, symbols.address(of: CR4ShadowLocator.stateSymbol) != nil else {
            throw CPUStateUnavailable(description: "kallsyms lists no __per_cpu_offset or cpu_tlbstate (data symbols need CONFIG_KALLSYMS_ALL)")
        }
        let offset: Int?
        do {
            offset = try processors.memberOffset(of: CR4ShadowLocator.member, in: CR4ShadowLocator.structure)
        } catch {
            throw CPUStateUnavailable(description: "kernel BTF cannot be read: \(error)")
        }
        guard let offset, let locator = CR4ShadowLocator(address: { self.symbols.address(of: $0) }, memberOffset: offset) else {
            throw CPUStateUnavailable(description: "kernel BTF has no struct tlb_state with a member cr4")
        }
        return locator
    }

    /// Whether IA32 emulation is on: the kernel's `__ia32_enabled` (6.7 and later, with
    /// data symbols in kallsyms), else `ia32_emulation=` on the command line, else unknown.
    private func ia32Emulation(_ platform: ProcessorPlatform) -> Bool? {
        if let address = symbols.address(of: "__ia32_enabled"), let value = try? source.memory.read(address, as: UInt8.self) {
            return value != 0
        }
        return platform.ia32Emulation
    }

    /// An MSR value by the code it leads to (`entry_SYSCALL_64+0x0`, `vr_hook+0x0 [vigil_rootkit]`),
    /// or in hex when it leads into no known code.
    func describeEntry(_ value: UInt64) -> (text: String, module: String?) {
        if let location = symbols.locate(value),
           layout.text.contains(value) || (location.symbol.module != nil && location.symbol.isText && location.offset < 1 << 20) {
            return (location.description, location.symbol.module)
        }
        return ("0x" + String(value, radix: 16), nil)
    }
}
