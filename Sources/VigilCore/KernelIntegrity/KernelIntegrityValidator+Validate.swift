extension KernelIntegrityValidator {
    /// One full validation. `moduleList` is the module list as the kernel links it
    /// (walked by BPF just before), or nil when it could not be walked.
    public func validate(trigger: KernelCheckTrigger, moduleList: [KernelModuleRecord]?) -> [KernelIntegrityFinding] {
        var findings: [KernelIntegrityFinding] = []
        refreshedThisValidation = false
        // New trampolines come with hook changes; modules mark the symbols stale themselves.
        if trigger == .hookChange { symbolsAreFresh = false }
        currentKprobes = source.kprobes().map { Set($0.map(\.address)) }
        if let moduleList { adoptLiveModules(moduleList, trigger: trigger, into: &findings) }

        // At start the core regions were read for the baseline a moment ago: nothing to compare yet.
        if trigger != .start {
            for index in coreRegions.indices {
                validateRegion(&coreRegions[index], trigger: trigger, into: &findings)
            }
        }
        let liveNow = moduleList.map { Set($0.filter(\.isLive).map(\.address)) }
        for key in modules.keys.sorted() {
            // A module on its way out is changing under us: only live modules are compared.
            guard var baseline = modules[key], liveNow?.contains(key) ?? true else { continue }
            for index in baseline.regions.indices {
                validateRegion(&baseline.regions[index], trigger: trigger, into: &findings)
            }
            modules[key] = baseline
        }
        validateSystemCalls(trigger: trigger, into: &findings)
        validateInterruptTable(trigger: trigger, into: &findings)
        validateVariables(trigger: trigger, into: &findings)
        validateCPUState(trigger: trigger, into: &findings)
        if let moduleList { validateModuleViews(moduleList, trigger: trigger, into: &findings) }
        validateHooks(trigger: trigger, into: &findings)
        return findings
    }

    /// Compares a region; differences that look wrong are looked at again after a
    /// pause and with fresh symbols before they are reported, since the kernel may
    /// be half-way through patching, or a trampoline may be newer than our symbols.
    func validateRegion(_ baseline: inout MemoryRegionBaseline, trigger: KernelCheckTrigger, into findings: inout [KernelIntegrityFinding]) {
        guard let current = readReusing(baseline.base, count: baseline.size) else {
            report(KernelIntegrityFinding(kind: .tampered, check: baseline.check, trigger: trigger, region: baseline.name,
                                          symbol: describe(baseline.base).symbol, module: baseline.module,
                                          detail: "the region can no longer be read"), into: &findings)
            return
        }
        var changes = MemoryRegionValidator.compare(baseline, current: current, resolver: resolver, kprobes: currentKprobes)
        // Look again, with fresh symbols and kprobes, after 20, 60 and 180 ms while anything looks
        // wrong: the kernel may be between the int3 and the last byte of its own patching.
        let suspicious = { (change: TextChange) in
            (change.isTampered || change.verdict == .inTransition) && !self.knownChanges.contains(Self.key(change, in: baseline))
        }
        var pause = 20
        while changes.contains(where: suspicious), pause <= 180 {
            source.pause(milliseconds: pause)
            pause *= 3
            refreshSymbols(force: true)
            currentKprobes = source.kprobes().map { Set($0.map(\.address)) }
            guard let again = readReusing(baseline.base, count: baseline.size) else { break }
            changes = MemoryRegionValidator.compare(baseline, current: again, resolver: resolver, kprobes: currentKprobes)
            // Tampering does not go away by waiting; only half-done patching is worth a longer look.
            if !changes.contains(where: { $0.verdict == .inTransition }) { break }
        }
        for change in changes where change.isTampered || change.verdict == .inTransition {
            guard knownChanges.insert(Self.key(change, in: baseline)).inserted else { continue }
            if baseline.check == .rodata, let table = layout.systemCallTable, change.address >= table,
               change.address + UInt64(change.actual.count) <= table + UInt64(systemCallNames.count * 8) {
                continue // reported by the system call table check, with better evidence
            }
            let place = describe(change.address)
            var reason = "still half-patched after a pause"
            if case .tampered(let why) = change.verdict { reason = why }
            let region = baseline.check == .rodata ? layout.rodataPart(of: change.address) : baseline.name
            report(KernelIntegrityFinding(
                kind: .tampered, check: baseline.check, trigger: trigger, region: region, symbol: place.symbol,
                module: baseline.module ?? place.module, address: change.address,
                expected: X86Instruction.hex(change.expected.prefix(MemoryRegionValidator.evidenceLimit)),
                actual: X86Instruction.hex(change.actual.prefix(MemoryRegionValidator.evidenceLimit)), detail: reason
            ), into: &findings)
            if policy.enforcement == .logAndAccept {
                baseline.adopt(change.actual, at: change.address)
            }
        }
    }

    static func key(_ change: TextChange, in baseline: MemoryRegionBaseline) -> String {
        "\(baseline.name)|\(change.address)|\(X86Instruction.hex(change.actual))"
    }

    /// Reads a region into its reusable buffer.
    func readReusing(_ address: UInt64, count: Int) -> [UInt8]? {
        var buffer = scratch.removeValue(forKey: address) ?? []
        if buffer.count != count { buffer = [UInt8](repeating: 0, count: count) }
        let memory = source.memory
        let ok = buffer.withUnsafeMutableBytes { raw in
            (try? memory.read(address, into: raw)) != nil
        }
        scratch[address] = buffer
        return ok ? buffer : nil
    }

    func validateSystemCalls(trigger: KernelCheckTrigger, into findings: inout [KernelIntegrityFinding]) {
        guard let table = layout.systemCallTable, !systemCallNames.isEmpty,
              let entries = try? readAddresses(table, count: systemCallNames.count) else { return }
        for (number, entry) in entries.enumerated() {
            let expected = systemCallNames[number]
            let location = symbols.locate(entry)
            let actual = location?.description ?? String(entry, radix: 16)
            var problem: String?
            if location?.offset != 0 || location?.symbol.name != expected {
                problem = "entry \(number) should be \(expected.isEmpty ? "a function" : expected)"
            } else if !layout.text.contains(entry) {
                problem = "entry \(number) leads outside core text"
            } else if !Self.isSystemCallFunction(expected) {
                problem = "entry \(number) is \(expected), not a system call"
            }
            guard let problem else { continue }
            report(KernelIntegrityFinding(
                kind: .tampered, check: .syscallTable, trigger: trigger, region: "sys_call_table",
                symbol: "sys_call_table[\(number)]", module: location?.symbol.module, address: table + UInt64(number * 8),
                expected: expected, actual: actual, detail: problem
            ), into: &findings)
            if policy.enforcement == .logAndAccept, let name = location?.symbol.name { systemCallNames[number] = name }
        }
    }

    /// The names the kernel gives system call functions (`__x64_sys_read`, `__do_sys_getpid`
    /// for those without arguments, `sys_ni_syscall` for unimplemented numbers).
    static func isSystemCallFunction(_ name: String) -> Bool {
        name.hasPrefix("__x64_sys_") || name.hasPrefix("__do_sys_") || name.hasPrefix("__se_sys_") || name.hasSuffix("sys_ni_syscall")
    }

    func validateInterruptTable(trigger: KernelCheckTrigger, into findings: inout [KernelIntegrityFinding]) {
        guard var baseline = interruptTable, let current = try? source.memory.read(baseline.base, count: baseline.size),
              let gates = try? InterruptDescriptorTable.gates(current),
              let expectedGates = try? InterruptDescriptorTable.gates(baseline.image.bytes) else { return }
        // Reserved vectors keep their early boot handlers in freed init text: only changes count.
        for (gate, expected) in zip(gates, expectedGates) where gate != expected {
            let handler = describe(gate.handler)
            report(KernelIntegrityFinding(
                kind: .tampered, check: .idt, trigger: trigger, region: "IDT", symbol: "vector \(gate.vector)",
                module: handler.module, address: baseline.base + UInt64(gate.vector * InterruptDescriptorTable.gateSize),
                expected: describe(expected.handler).symbol, actual: handler.symbol,
                detail: layout.text.contains(gate.handler) ? "gate changed" : "gate leads outside core text"
            ), into: &findings)
        }
        if policy.enforcement == .logAndAccept, current != baseline.image.bytes {
            baseline.image.bytes = current
            interruptTable = baseline
        }
    }

    func validateVariables(trigger: KernelCheckTrigger, into findings: inout [KernelIntegrityFinding]) {
        for index in variables.indices {
            let watch = variables[index]
            guard var current = try? source.memory.read(watch.address, count: watch.variable.size), current != watch.legitimate else { continue }
            // A legitimate write may be in flight: its event arrives right after the write returns.
            source.pause(milliseconds: 20)
            guard let again = try? source.memory.read(watch.address, count: watch.variable.size), again != variables[index].legitimate else { continue }
            current = again
            report(KernelIntegrityFinding(
                kind: .tampered, check: .variable, trigger: trigger, region: "kernel variable", symbol: watch.variable.symbol,
                address: watch.address, expected: watch.variable.render(watch.legitimate), actual: watch.variable.render(current),
                detail: "changed in memory, not through \(watch.variable.interface)"
            ), into: &findings)
            if policy.enforcement == .logAndAccept { variables[index].legitimate = current }
        }
    }

    /// A watched variable was written through its legitimate interface: its new
    /// value becomes the expected one. Nil when the address is not watched.
    public func legitimateWrite(address: UInt64, value: [UInt8], interface: String, writer: String) -> KernelIntegrityFinding? {
        // The write reports bytes from `address`; a watched variable may start inside them.
        guard let index = variables.firstIndex(where: {
            $0.address >= address && $0.address + UInt64($0.variable.size) <= address + UInt64(value.count)
        }) else { return nil }
        let watch = variables[index]
        let start = Int(watch.address - address)
        let new = Array(value[start..<(start + watch.variable.size)])
        guard new != watch.legitimate else { return nil }
        variables[index].legitimate = new
        return KernelIntegrityFinding(
            kind: .legitimateChange, check: .variable, trigger: .variableWrite, region: "kernel variable",
            symbol: watch.variable.symbol, address: address, expected: watch.variable.render(watch.legitimate),
            actual: watch.variable.render(new), detail: "written through \(interface) by \(writer)"
        )
    }

    /// Whether `address` is a watched variable (the guard skips other sysctl writes).
    public func watches(_ address: UInt64) -> Bool {
        variables.contains { $0.address == address }
    }
}
