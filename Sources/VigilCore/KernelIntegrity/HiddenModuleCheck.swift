/// Cross-checks the views of loaded modules a rootkit has to fool one by one:
/// the kernel's module list (walked by BPF), /proc/modules, /sys/module,
/// kallsyms' module symbols, and the module loads Vigil saw happen.
public enum HiddenModuleCheck {
    public struct Views: Sendable, Equatable {
        /// The module list as walked in the kernel, by name.
        public var list: Set<String>
        /// `/proc/modules`.
        public var procModules: Set<String>
        /// `/sys/module/*` entries that are loaded modules (they have `initstate`).
        public var sysfs: Set<String>?
        /// Module tags of `/proc/kallsyms`.
        public var kallsyms: Set<String>?
        /// Modules whose load Vigil saw and whose free it has not, by name.
        public var loadedSinceStart: Set<String>

        public init(list: Set<String>, procModules: Set<String>, sysfs: Set<String>?, kallsyms: Set<String>?, loadedSinceStart: Set<String>) {
            self.list = list
            self.procModules = procModules
            self.sysfs = sysfs
            self.kallsyms = kallsyms
            self.loadedSinceStart = loadedSinceStart
        }
    }

    public struct HiddenModule: Sendable, Equatable {
        public var name: String
        public var seenIn: [String]
        public var missingFrom: [String]

        /// The alert, with every view that sees the module (plus `alsoSeen` evidence) and every one that misses it.
        public func finding(trigger: KernelCheckTrigger, alsoSeen: [String] = []) -> KernelIntegrityFinding {
            KernelIntegrityFinding(
                kind: .tampered, check: .moduleList, trigger: trigger, region: "modules", symbol: name, module: name,
                expected: "listed in every view", actual: "missing from " + missingFrom.joined(separator: ", "),
                detail: "hidden module: seen in " + (seenIn + alsoSeen).joined(separator: ", ")
            )
        }
    }

    /// Every module some view has and another lacks. Modules in transit (loading,
    /// unloading) are passed in `settling` and left out until they settle.
    public static func hiddenModules(_ views: Views, settling: Set<String> = []) -> [HiddenModule] {
        let named: [(String, Set<String>?)] = [
            ("module list", views.list), ("/proc/modules", views.procModules), ("/sys/module", views.sysfs),
            ("kallsyms", views.kallsyms),
        ]
        var everyone = views.list.union(views.procModules).union(views.loadedSinceStart)
        if let sysfs = views.sysfs { everyone.formUnion(sysfs) }
        var hidden: [HiddenModule] = []
        for name in everyone.sorted() where !settling.contains(name) {
            var seen: [String] = []
            var missing: [String] = []
            for (label, view) in named {
                guard let view else { continue }
                if view.contains(name) { seen.append(label) } else { missing.append(label) }
            }
            if views.loadedSinceStart.contains(name) { seen.append("load events") }
            // kallsyms lists only modules with symbols; its absence alone is not hiding.
            let meaningfulMissing = missing.filter { $0 != "kallsyms" || !views.list.contains(name) }
            if !meaningfulMissing.isEmpty, !seen.isEmpty {
                hidden.append(HiddenModule(name: name, seenIn: seen, missingFrom: meaningfulMissing))
            }
        }
        return hidden
    }
}
