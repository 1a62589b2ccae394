extension KernelIntegrityValidator {
    /// A module load Vigil saw (its memory is not final yet: it is baselined once live).
    public func moduleLoaded(_ record: KernelModuleRecord) -> KernelIntegrityFinding {
        moduleEventCount += 1
        loadedSinceStart[record.address] = record
        settling.insert(record.name)
        symbolsAreFresh = false
        return KernelIntegrityFinding(kind: .moduleLoaded, check: .moduleList, trigger: .moduleLoad, region: "modules", symbol: record.name,
                                      address: record.address, detail: "text \(record.text.count) bytes")
    }

    /// A module's init returned: it is live (or it failed and is being freed).
    public func moduleInitialised(address: UInt64, result: Int32) {
        moduleEventCount += 1
        if result != 0 {
            if let record = loadedSinceStart.removeValue(forKey: address) { settling.remove(record.name) }
        } else if let record = loadedSinceStart[address] {
            // Live now: from here on every view must show it (a module that unlinks
            // itself during its own init is never seen live in the list).
            settling.remove(record.name)
        }
    }

    /// A module is being freed: its baseline goes with it.
    public func moduleFreed(_ record: KernelModuleRecord) -> KernelIntegrityFinding {
        moduleEventCount += 1
        loadedSinceStart.removeValue(forKey: record.address)
        modules.removeValue(forKey: record.address)
        // Its views disappear one by one (sysfs first, the list last): leave it out until all have.
        settling.insert(record.name)
        symbolsAreFresh = false
        return KernelIntegrityFinding(kind: .moduleUnloaded, check: .moduleList, trigger: .moduleUnload, region: "modules", symbol: record.name,
                                      address: record.address)
    }

    /// Baselines every live module of the list not baselined yet, and forgets modules gone from it.
    func adoptLiveModules(_ list: [KernelModuleRecord], trigger: KernelCheckTrigger, into findings: inout [KernelIntegrityFinding]) {
        let listed = Set(list.map(\.address))
        for address in modules.keys where !listed.contains(address) && loadedSinceStart[address] == nil {
            modules.removeValue(forKey: address)
        }
        for record in list where record.isLive && modules[record.address] == nil {
            settling.remove(record.name)
            if !symbolsAreFresh { refreshSymbols() }
            modules[record.address] = baseline(of: record, trigger: trigger, into: &findings)
        }
        coverage.modules = modules.count
    }

    private func baseline(of record: KernelModuleRecord, trigger: KernelCheckTrigger, into findings: inout [KernelIntegrityFinding]) -> ModuleBaseline {
        var regions: [MemoryRegionBaseline] = []
        let memory = source.memory
        if !record.text.isEmpty, let bytes = try? memory.read(record.text.lowerBound, count: Int(record.text.count)) {
            let text = TextImage(base: record.text.lowerBound, bytes: bytes)
            var groups: [[PatchSite]] = []
            if record.jumpEntryCount > 0, record.jumpEntryCount < 1 << 20,
               let table = try? memory.read(record.jumpEntries, count: record.jumpEntryCount * 16) {
                groups.append(PatchSiteCatalog.jumpLabels(table: table, tableAddress: record.jumpEntries, text: text))
            }
            if record.staticCallSiteCount > 0, record.staticCallSiteCount < 1 << 20,
               let table = try? memory.read(record.staticCallSites, count: record.staticCallSiteCount * 8) {
                groups.append(PatchSiteCatalog.staticCallSites(table: table, tableAddress: record.staticCallSites, text: text))
            }
            let functions = symbols.textSymbols(module: record.name).map(\.address).filter { record.text.contains($0) }
            groups.append(PatchSiteCatalog.ftraceEntries(functionStarts: functions, text: text, isFtraceCall: isFtraceCall))
            let baseline = MemoryRegionBaseline(name: "module \(record.name) text", check: .moduleText, module: record.name,
                                                image: text, sites: PatchSiteCatalog.merge(groups))
            judgeSites(of: baseline, trigger: trigger, into: &findings)
            regions.append(baseline)
        }
        for (label, range) in [("rodata", record.rodata), ("ro-after-init data", record.roAfterInit)] where !range.isEmpty {
            if let bytes = try? memory.read(range.lowerBound, count: Int(range.count)) {
                regions.append(MemoryRegionBaseline(name: "module \(record.name) \(label)", check: .moduleRodata, module: record.name,
                                                    image: TextImage(base: range.lowerBound, bytes: bytes)))
            }
        }
        return ModuleBaseline(record: record, regions: regions)
    }

    /// Judges every patch site of a fresh baseline: a site already holding an
    /// illegitimate state (a hook placed before Vigil started) is reported.
    func judgeSites(of baseline: MemoryRegionBaseline, trigger: KernelCheckTrigger, into findings: inout [KernelIntegrityFinding]) {
        let resolver = self.resolver
        for site in baseline.sites {
            let bytes = baseline.image.bytes(at: site.address, count: site.length)
            guard case .illegitimate(let reason) = PatchSiteJudge.judge(site, bytes: bytes, resolver: resolver) else { continue }
            let place = describe(site.address)
            report(KernelIntegrityFinding(
                kind: .tampered, check: baseline.check, trigger: trigger, region: baseline.name, symbol: place.symbol,
                module: baseline.module ?? place.module, address: site.address, actual: X86Instruction.hex(bytes),
                detail: "\(site.label): \(reason) (already when the baseline was taken)"
            ), into: &findings)
        }
    }

    /// Core text's sites, the system call table, the IDT and the CPUs' entry MSRs and CR4, judged once at start.
    public func startFindings() -> [KernelIntegrityFinding] {
        var findings: [KernelIntegrityFinding] = []
        if let text = coreRegions.first { judgeSites(of: text, trigger: .start, into: &findings) }
        validateSystemCalls(trigger: .start, into: &findings)
        validateInterruptTable(trigger: .start, into: &findings)
        validateCPUState(trigger: .start, into: &findings)
        return findings
    }

    func validateModuleViews(_ list: [KernelModuleRecord], trigger: KernelCheckTrigger, into findings: inout [KernelIntegrityFinding]) {
        guard let procModules = try? source.procModules() else { return }
        let listedNames = Set(list.map(\.name))
        let sysfs = source.sysfsModules()
        var inTransit = settling.union(list.filter { !$0.isLive }.map(\.name))
        for name in settling where !listedNames.contains(name) && !procModules.contains(name) && !(sysfs?.contains(name) ?? false)
            && !loadedSinceStart.values.contains(where: { $0.name == name }) {
            settling.remove(name)
            inTransit.remove(name)
        }
        let views = HiddenModuleCheck.Views(
            list: listedNames, procModules: procModules, sysfs: sysfs,
            kallsyms: refreshedThisValidation ? symbols.modules : nil,  // a view only when read now
            loadedSinceStart: Set(loadedSinceStart.values.map(\.name))
        )
        for hidden in HiddenModuleCheck.hiddenModules(views, settling: inTransit) {
            var mapped: [String] = []
            if let record = loadedSinceStart.values.first(where: { $0.name == hidden.name }),
               !record.text.isEmpty, source.memory.isMapped(record.text.lowerBound, count: 16),
               let head = try? source.memory.read(record.text.lowerBound, count: 16), head.contains(where: { $0 != 0 }) {
                mapped.append("its text still mapped (kcore)")
            }
            report(hidden.finding(trigger: trigger, alsoSeen: mapped), into: &findings)
        }
    }
}
