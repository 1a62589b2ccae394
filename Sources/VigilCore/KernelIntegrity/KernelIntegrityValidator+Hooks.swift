extension KernelIntegrityValidator {
    /// Diffs the ftrace hooks and kprobes against the previous validation. A new
    /// ftrace hook is tampering when its code belongs to a module loaded after the
    /// baseline, to no known code at all, or to any module while it redirects the
    /// instruction pointer (the rootkit's way to replace a function: livepatch,
    /// kprobes and BPF redirect through core kernel code). Other hooks are reported
    /// as added.
    func validateHooks(trigger: KernelCheckTrigger, into findings: inout [KernelIntegrityFinding]) {
        if let previous = ftraceHooks, let now = source.ftraceHooks().map(Self.index) {
            for (key, hook) in now.sorted(by: { $0.key < $1.key }) where previous[key] != hook {
                let owners = hook.callbackModuleOwners
                let foreign = owners.filter { !trustedModules.contains($0) }
                let unowned = hook.trampolineLookupFailed || hook.opsLookupFailed
                let flags = describe(hook.flags)
                let redirectedByModule = hook.flags.contains(.modifiesIP) && !owners.isEmpty
                if !foreign.isEmpty || unowned || redirectedByModule {
                    report(KernelIntegrityFinding(
                        kind: .tampered, check: .ftraceHook, trigger: trigger, region: "ftrace", symbol: key,
                        module: foreign.first ?? owners.first, expected: previous[key].map { "hooked by " + Self.owners(of: $0) } ?? "not hooked",
                        actual: "hooked by " + Self.owners(of: hook) + flags,
                        detail: unowned ? "the hook's code belongs to no known symbol"
                            : foreign.isEmpty ? "module \(owners.joined(separator: ", ")) redirects the function"
                            : "hooked by module \(foreign.joined(separator: ", ")), loaded after the baseline"
                    ), into: &findings)
                } else {
                    report(KernelIntegrityFinding(kind: .hookAdded, check: .ftraceHook, trigger: trigger, region: "ftrace", symbol: key,
                                                  module: owners.first, actual: "hooked by " + Self.owners(of: hook) + flags), into: &findings)
                }
            }
            for key in previous.keys.sorted() where now[key] == nil {
                findings.append(KernelIntegrityFinding(kind: .hookRemoved, check: .ftraceHook, trigger: trigger, region: "ftrace", symbol: key))
                reported = reported.filter { !$0.contains("|\(key)|") }
            }
            ftraceHooks = now
        }
        if let kprobes = source.kprobes() {
            // kprobeAddresses is the inventory of the previous validation.
            let now = Dictionary(kprobes.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
            let previous = kprobeAddresses ?? []
            for (address, probe) in now.sorted(by: { $0.key < $1.key }) where !previous.contains(address) {
                findings.append(KernelIntegrityFinding(kind: .hookAdded, check: .kprobe, trigger: trigger, region: "kprobes",
                                                       symbol: probe.location, module: probe.module, address: address))
            }
            kprobeAddresses = Set(now.keys)
        }
    }

    static func owners(of hook: FtraceHookedFunction) -> String {
        let printed = [hook.trampoline?.callback, hook.trampoline?.handler, hook.callback, hook.callOps?.handler, hook.directTarget]
        let names = printed.compactMap { $0?.description }
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        return unique.isEmpty ? "unknown code" : unique.joined(separator: ", ")
    }

    func describe(_ flags: FtraceHookedFunction.Flags) -> String {
        var parts: [String] = []
        if flags.contains(.modifiesIP) { parts.append("modifies the instruction pointer") }
        if flags.contains(.direct) { parts.append("direct call") }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}
