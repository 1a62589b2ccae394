import VigilLinux

/// Locates the captured and hand-made system trees under `Tests/Fixtures/rootfs`.
enum FixtureRoot {
    static let directory: String = {
        let file = #filePath
        let tests = file.split(separator: "/", omittingEmptySubsequences: false).dropLast(2).joined(separator: "/")
        return tests + "/Fixtures/rootfs"
    }()

    static func named(_ name: String) -> SystemRoot {
        SystemRoot(path: directory + "/" + name)
    }
}
