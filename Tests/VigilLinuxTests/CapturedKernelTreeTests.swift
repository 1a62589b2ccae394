import Testing
import VigilCore
@testable import VigilLinux

/// The readers on trees captured from the lab's Debian kernels by
/// scripts/capture-fixtures (the fixtures/capture-kernel-tree scenario).
@Suite("captured Debian kernel trees")
struct CapturedKernelTreeTests {
    static let trees: [(name: String, series: String)] = [
        ("debian-6.1.0-56-amd64", "6.1"),
        ("debian-6.12.117+deb12-amd64", "6.12"),
    ]

    @Test(arguments: trees)
    func everyFacilityIsSeen(tree: (name: String, series: String)) throws {
        let facts = KernelFactsCollector(root: FixtureRoot.named(tree.name), architecture: "x86_64").collect()
        #expect(facts.release.value?.series == tree.series)
        let kallsyms = try #require(facts.kallsyms.value)
        #expect(kallsyms.addressesVisible)
        #expect(kallsyms.kptrRestrict == 0)
        let kcore = try #require(facts.kcore.value, "\(facts.kcore.problem ?? "")")
        #expect(kcore.loadSegments > 0)
        #expect(kcore.machine == ELFHeaderParser.x86_64Machine)
        let btf = try #require(facts.btf.value, "\(facts.btf.problem ?? "")")
        #expect(btf.sizeBytes > 1 << 20)
        #expect(facts.bpf.status == .present)
        #expect(facts.securityModules.value?.contains("bpf") == true)
        #expect(facts.lockdown.value == LockdownMode.none)
        #expect(facts.modules.value?.loaded.contains("vigil_vuln") == true)
        #expect(facts.modules.value?.modulesDisabled == false)
        #expect(facts.tracefs.value?.mountPoint == "/sys/kernel/tracing")
        #expect(facts.config.value?.isEnabled("CONFIG_BPF_LSM") == true)
        #expect(facts.config.value?.isEnabled("CONFIG_DEBUG_INFO_BTF") == true)
        #expect(GuardReadiness(facts: facts).overall == .available)
    }

    @Test(arguments: trees)
    func theTestModuleIsTaintedOutOfTreeAndUnsigned(tree: (name: String, series: String)) throws {
        let text = try KernelFileReader(root: FixtureRoot.named(tree.name)).readText("/proc/modules")
        let module = try #require(try ProcModulesParser.parse(text).first { $0.name == "vigil_vuln" })
        #expect(module.taints == "OE")
        #expect(module.state == .live)
        #expect(module.address != 0)
    }

    @Test(arguments: trees)
    func kcoreMapsTheKernelText(tree: (name: String, series: String)) throws {
        let reader = KernelFileReader(root: FixtureRoot.named(tree.name))
        let header = try ELFHeaderParser.parse(try reader.read("/proc/kcore", at: 0, count: 8192))
        let symbols = try KallsymsParser.parse(try reader.readText("/proc/kallsyms", limit: 1 << 22))
        let text = try #require(symbols.first { $0.name == "_stext" } ?? symbols.first { $0.isText && $0.address != 0 })
        #expect(header.fileOffset(ofVirtualAddress: text.address) != nil)
    }
}
