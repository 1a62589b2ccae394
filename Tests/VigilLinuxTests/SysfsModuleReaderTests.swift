import Testing
import VigilCore
@testable import VigilLinux

@Suite("sysfs module reader")
struct SysfsModuleReaderTests {
    static let root = SystemRoot(path: FixtureRoot.directory + "/../sysfs-modules")
    let reader = SysfsModuleReader(root: Self.root)

    @Test func listsLoadedAndBuiltInModules() throws {
        let modules = try reader.modules()
        #expect(modules.map(\.name) == ["broken", "ext4", "kernel", "printk", "vigil_vuln"], "the stray file is not a module")
        #expect(modules.filter(\.isLoadable).map(\.name) == ["broken", "ext4", "vigil_vuln"])
    }

    @Test func readsALoadedModule() throws {
        let module = try reader.module(named: "vigil_vuln")
        #expect(module == SysfsModule(
            name: "vigil_vuln", isLoadable: true, initState: .live, coreSize: 16384,
            referenceCount: 0, taint: "OE", textAddress: 0xffff_ffff_c0a0_1000
        ))
    }

    @Test func treatsAZeroSectionAddressAsHidden() throws {
        let module = try reader.module(named: "ext4")
        #expect(module.textAddress == nil)
        #expect(module.taint == "")
        #expect(module.problems.isEmpty)
    }

    @Test func aBuiltInModuleHasOnlyParameters() throws {
        let module = try reader.module(named: "printk")
        #expect(module == SysfsModule(name: "printk", isLoadable: false))
    }

    @Test func reportsMalformedAttributesWithoutFailing() throws {
        let module = try reader.module(named: "broken")
        #expect(module.initState == .going)
        #expect(module.coreSize == nil)
        #expect(module.problems == ["/sys/module/broken/coresize: 'lots' is not an unsigned number"])
    }

    @Test func missingModulesAndTreesAreErrors() {
        #expect(throws: LinuxError.self) { try reader.module(named: "absent") }
        let empty = SysfsModuleReader(root: FixtureRoot.named("empty"))
        do {
            _ = try empty.modules()
            Issue.record("listing a tree without /sys/module succeeded")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.path == "/sys/module")
        }
    }
}
