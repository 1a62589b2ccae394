import Testing
import VigilCore
@testable import VigilLinux

@Suite("kernel facts collector")
struct KernelFactsCollectorTests {
    @Test func reportsEachProblemOfALockedDownTree() throws {
        let facts = KernelFactsCollector(root: FixtureRoot.named("locked-down"), architecture: "x86_64").collect()
        #expect(facts.release.value?.series == "6.1")
        #expect(facts.kallsyms.value == KallsymsFacts(addressesVisible: false, kptrRestrict: 2, symbolsRead: 3))
        #expect(facts.kcore.status == .missing)
        #expect(facts.btf.status == .malformed)
        #expect(facts.btf.problem?.contains("expected 0xeb9f") == true)
        #expect(facts.bpf.status == .missing)
        #expect(facts.bpf.problem?.contains("CONFIG_BPF_SYSCALL") == true)
        #expect(facts.securityModules.value == ["lockdown", "capability", "yama", "apparmor"])
        #expect(facts.lockdown.value == .confidentiality)
        #expect(facts.modules.status == .malformed)
        #expect(facts.modules.problem == "/proc/modules, line 1: state 'Gone' is not Live, Loading or Unloading")
        #expect(facts.tracefs.status == .missing)
        #expect(facts.config.status == .missing)

        let readiness = GuardReadiness(facts: facts)
        #expect(readiness.overall == .unavailable)
        #expect(readiness.disabledFeatures.contains(.kernelIntegrity))
        #expect(readiness.disabledFeatures.contains(.blocking))
        #expect(readiness.disabledFeatures.contains(.hookInventory))
    }

    @Test func anEmptyTreeIsReportedMissingNotCrashed() {
        let facts = KernelFactsCollector(root: FixtureRoot.named("empty"), architecture: "x86_64").collect()
        #expect(facts.release.status == .missing)
        #expect(facts.kallsyms.status == .missing)
        #expect(facts.securityModules.problem == "securityfs is not mounted at /sys/kernel/security")
        #expect(facts.config.problem?.contains("release is unknown") == true)
        #expect(GuardReadiness(facts: facts).overall == .unavailable)
    }

    @Test func findsANonZeroAddressOnlyInACompleteLine() {
        #expect(!KernelFactsCollector.containsNonZeroAddress(Array("0000000000000000 A x\nffff".utf8)))
        #expect(KernelFactsCollector.containsNonZeroAddress(Array("0000000000000000 A x\nffffffff81000000 T _stext\n".utf8)))
        #expect(!KernelFactsCollector.containsNonZeroAddress(Array("0000000000000000 A x\n".utf8)))
    }
}

@Suite("kernel file reader")
struct KernelFileReaderTests {
    let reader = KernelFileReader(root: FixtureRoot.named("locked-down"))

    @Test func namesTheFileInErrors() {
        #expect(throws: LinuxError.self) { try reader.readText("/proc/kcore") }
        do {
            _ = try reader.readText("/proc/kcore")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.description.hasPrefix("open /proc/kcore: "))
        }
    }

    @Test func enforcesTheReadLimit() {
        do {
            _ = try reader.readText("/proc/kallsyms", limit: 10)
            Issue.record("a 10-byte limit must refuse a longer file")
        } catch {
            #expect(error.kind == .tooLarge)
        }
    }

    @Test func readsAtAnOffset() throws {
        let bytes = try reader.read("/proc/sys/kernel/osrelease", at: 2, count: 100)
        #expect(String(decoding: bytes, as: UTF8.self) == "1.0-56-amd64\n")
    }

    @Test func resolvesPathsBelowTheRoot() {
        #expect(SystemRoot(path: "/tmp/x/").resolve("/proc/kallsyms") == "/tmp/x/proc/kallsyms")
        #expect(SystemRoot.host.resolve("/proc/kallsyms") == "/proc/kallsyms")
        #expect(SystemRoot(path: "").isHost)
        #expect(reader.isDirectory("/proc"))
        #expect(!reader.isDirectory("/proc/kallsyms"))
    }
}
