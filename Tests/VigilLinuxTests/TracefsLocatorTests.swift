import Testing
import VigilCore
@testable import VigilLinux

@Suite("tracefs locator")
struct TracefsLocatorTests {
    static func tracing(_ name: String) -> SystemRoot {
        SystemRoot(path: FixtureRoot.directory + "/../tracing/" + name)
    }

    @Test func findsBothFilesystemsAndReadsTheHooksOn61() throws {
        let locator = TracefsLocator(root: Self.tracing("debian-6.1"))
        #expect(locator.tracefs() == .mounted(at: "/sys/kernel/tracing"))
        #expect(locator.debugfs() == .mounted(at: "/sys/kernel/debug"))

        let functions = try #require(locator.readEnabledFunctions().value)
        #expect(functions.count == 5)
        #expect(functions.compactMap(\.callbackOwnerModule) == ["vigil_rootkit"])

        let probes = try #require(locator.readKprobeList().value)
        #expect(probes.first?.symbol == "do_sys_openat2")
        #expect(locator.readKprobeEvents().value?.map(\.event) == ["vigilprobe", "r_vfs_read", "helper"])

        let touched = locator.readTouchedFunctions().unavailability
        #expect(touched?.cause == .missing)
        #expect(touched?.reason == "/sys/kernel/tracing/touched_functions does not exist: the kernel lacks touched_functions (added in 6.4)")
    }

    @Test func readsTouchedFunctionsOn612() throws {
        let locator = TracefsLocator(root: Self.tracing("debian-6.12"))
        #expect(locator.readTouchedFunctions().value?.count == 3)
        #expect(locator.readEnabledFunctions().value?.last?.flags == [.direct, .modified])
    }

    @Test func fallsBackToTracefsInsideDebugfs() {
        let locator = TracefsLocator(root: Self.tracing("debugfs-only"))
        #expect(locator.tracefs() == .mounted(at: "/sys/kernel/debug/tracing"))
        #expect(locator.readEnabledFunctions().value?.first?.name == "do_sys_openat2")
        #expect(locator.readKprobeEvents().unavailability?.cause == .missing)
        #expect(locator.readKprobeList().unavailability == Unavailability(
            cause: .missing, path: "/sys/kernel/debug/kprobes/list",
            reason: "/sys/kernel/debug/kprobes/list does not exist: the kernel lacks CONFIG_KPROBES"
        ))
    }

    /// The inventory vigil run polls for hook changes follows tracefs wherever it is mounted.
    @Test func hooksInventoryTextReadsBothFilesWhereverMounted() throws {
        let both = TracefsLocator(root: Self.tracing("debian-6.1")).hooksInventoryText()
        let parts = both.split(separator: "\u{0}", omittingEmptySubsequences: false)
        #expect(parts.count == 2)
        #expect(parts.first?.contains("do_sys_openat2") == true)
        #expect(parts.last?.contains("[FTRACE]") == true)
        let insideDebugfs = TracefsLocator(root: Self.tracing("debugfs-only")).hooksInventoryText()
        #expect(insideDebugfs.hasPrefix("do_sys_openat2"))
        #expect(TracefsLocator(root: FixtureRoot.named("empty")).hooksInventoryText() == "\u{0}")
    }

    @Test func saysWhatIsNotMounted() {
        let locator = TracefsLocator(root: FixtureRoot.named("empty"))
        #expect(locator.tracefs() == .absent)
        #expect(locator.debugfs() == .absent)
        #expect(locator.readEnabledFunctions().unavailability == Unavailability(
            cause: .notMounted, path: "/sys/kernel/tracing",
            reason: "tracefs is mounted at neither /sys/kernel/tracing nor /sys/kernel/debug/tracing"
        ))
        #expect(locator.readKprobeList().unavailability?.reason == "debugfs is not mounted at /sys/kernel/debug")
    }

    @Test func aCapturedTreeWithOnlyTheTraceFileLacksTheHookFiles() {
        let locator = TracefsLocator(root: FixtureRoot.named("debian-6.1.0-56-amd64"))
        #expect(locator.tracefs() == .mounted(at: "/sys/kernel/tracing"))
        #expect(locator.readEnabledFunctions().unavailability?.reason.contains("CONFIG_DYNAMIC_FTRACE") == true)
    }

    @Test func reportsMalformedFilesWithTheLine() throws {
        let directory = try TemporaryTree()
        defer { directory.remove() }
        try directory.write("sys/kernel/tracing/trace", "")
        try directory.write("sys/kernel/tracing/enabled_functions", "vfs_read (1) R\nvfs_write (one)\n")
        let locator = TracefsLocator(root: directory.root)
        #expect(locator.readEnabledFunctions().unavailability == Unavailability(
            cause: .malformed, path: "/sys/kernel/tracing/enabled_functions",
            reason: "enabled_functions, line 2: reference count in ' (one)' is not a number in parentheses"
        ))
    }
}

@Suite("kernel file reader directory listing")
struct DirectoryListingTests {
    @Test func listsSortedNamesWithoutDotEntries() throws {
        let reader = KernelFileReader(root: SystemRoot(path: FixtureRoot.directory + "/../tracing"))
        #expect(try reader.directoryEntries("/") == ["debian-6.1", "debian-6.12", "debugfs-only"])
        #expect(try reader.directoryEntries("/debian-6.1/sys/kernel/tracing") == ["enabled_functions", "kprobe_events", "trace"])
    }

    @Test func namesTheDirectoryThatIsMissing() {
        let reader = KernelFileReader(root: FixtureRoot.named("empty"))
        #expect(throws: LinuxError(kind: .notFound, operation: "opendir", path: "/sys/module", errno: 2, message: "No such file or directory")) {
            try reader.directoryEntries("/sys/module")
        }
    }
}
