import Testing
@testable import VigilCore

extension KernelIntegrityTests {
    @Suite("hidden module check")
    struct HiddenModuleCheckTests {
        /// Views of a system with ext4 and xfs loaded, everyone agreeing, plus `extra` changes.
        static func views(
            list: Set<String> = ["ext4", "xfs"], procModules: Set<String> = ["ext4", "xfs"], sysfs: Set<String>? = ["ext4", "xfs"],
            kallsyms: Set<String>? = ["ext4", "xfs"], loaded: Set<String> = []
        ) -> HiddenModuleCheck.Views {
            HiddenModuleCheck.Views(list: list, procModules: procModules, sysfs: sysfs, kallsyms: kallsyms, loadedSinceStart: loaded)
        }

        @Test func agreeingViewsHideNothing() {
            #expect(HiddenModuleCheck.hiddenModules(Self.views()).isEmpty)
            #expect(HiddenModuleCheck.hiddenModules(Self.views(sysfs: nil, kallsyms: nil)).isEmpty)
            #expect(HiddenModuleCheck.hiddenModules(Self.views(list: [], procModules: [], sysfs: [], kallsyms: [])).isEmpty)
        }

        @Test func listDelHiddenModule() {
            // list_del(&THIS_MODULE->list): gone from the list and everything derived from it; sysfs and our load event remain.
            let views = Self.views(sysfs: ["ext4", "xfs", "rootkit"], loaded: ["rootkit"])
            #expect(HiddenModuleCheck.hiddenModules(views) == [
                HiddenModuleCheck.HiddenModule(name: "rootkit", seenIn: ["/sys/module", "load events"],
                                               missingFrom: ["module list", "/proc/modules", "kallsyms"]),
            ])
        }

        @Test func hiddenFromSysfsTooButSeenLoading() {
            // kobject_del as well: only Vigil's load event still knows about it.
            let views = Self.views(loaded: ["rootkit"])
            #expect(HiddenModuleCheck.hiddenModules(views) == [
                HiddenModuleCheck.HiddenModule(name: "rootkit", seenIn: ["load events"],
                                               missingFrom: ["module list", "/proc/modules", "/sys/module", "kallsyms"]),
            ])
        }

        @Test func loadedBeforeStartAndHiddenFromTheListOnly() {
            let views = Self.views(sysfs: ["ext4", "xfs", "rootkit"])
            #expect(HiddenModuleCheck.hiddenModules(views).map(\.name) == ["rootkit"])
            #expect(HiddenModuleCheck.hiddenModules(views).first?.seenIn == ["/sys/module"])
        }

        @Test func hiddenFromProcModulesOnly() {
            // A hook on /proc/modules' show function: the list still has it.
            let views = Self.views(procModules: ["ext4"])
            #expect(HiddenModuleCheck.hiddenModules(views) == [
                HiddenModuleCheck.HiddenModule(name: "xfs", seenIn: ["module list", "/sys/module", "kallsyms"], missingFrom: ["/proc/modules"]),
            ])
        }

        @Test func moduleInTransitIsLeftOut() {
            // Loading: in the list and seen loading, not yet in sysfs or kallsyms.
            let loading = Self.views(list: ["ext4", "xfs", "fresh"], procModules: ["ext4", "xfs", "fresh"], loaded: ["fresh"])
            #expect(HiddenModuleCheck.hiddenModules(loading, settling: ["fresh"]).isEmpty)
            #expect(HiddenModuleCheck.hiddenModules(loading).map(\.name) == ["fresh"], "without settling it would be reported")
            // Settling hides only the named module.
            let both = Self.views(list: ["ext4", "xfs", "fresh"], procModules: ["ext4", "xfs", "fresh"], sysfs: ["ext4", "xfs", "fresh", "rootkit"],
                                  loaded: ["fresh"])
            #expect(HiddenModuleCheck.hiddenModules(both, settling: ["fresh"]).map(\.name) == ["rootkit"])
        }

        @Test func moduleWithoutSymbolsIsNotHidden() {
            // kallsyms lists only modules with symbols: missing there alone is no hiding.
            let views = Self.views(kallsyms: ["ext4"])
            #expect(HiddenModuleCheck.hiddenModules(views).isEmpty)
            // ... but a module missing from the list and from kallsyms is missing from both.
            let hidden = Self.views(list: ["ext4"], kallsyms: ["ext4"])
            #expect(HiddenModuleCheck.hiddenModules(hidden).first?.missingFrom == ["module list", "kallsyms"])
        }

        @Test func unreadableViewsAreNotCounted() {
            let views = Self.views(list: ["ext4"], sysfs: nil, kallsyms: nil)
            #expect(HiddenModuleCheck.hiddenModules(views) == [
                HiddenModuleCheck.HiddenModule(name: "xfs", seenIn: ["/proc/modules"], missingFrom: ["module list"]),
            ])
        }

        @Test func reportsInNameOrder() {
            let views = Self.views(sysfs: ["ext4", "xfs", "zeta", "alpha"], loaded: ["mid"])
            #expect(HiddenModuleCheck.hiddenModules(views).map(\.name) == ["alpha", "mid", "zeta"])
        }
    }
}
