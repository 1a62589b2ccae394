import VigilCore

/// Lists `/sys/module` below a `SystemRoot`: every module the kernel has a
/// kobject for, loaded or built in, with the attributes that tell them apart.
///
/// Loaded modules have `initstate`, `coresize`, `taint` and (with
/// CONFIG_MODULE_UNLOAD) `refcnt`, and a root-only `sections/` directory;
/// built-in modules have only `parameters/`, `uevent` and sometimes `version`.
public struct SysfsModuleReader: Sendable {
    public static let directory = "/sys/module"

    public var files: KernelFileReader

    public init(root: SystemRoot) {
        self.files = KernelFileReader(root: root)
    }

    /// Every module directory, sorted by name.
    /// - Throws: `LinuxError` when `/sys/module` itself cannot be listed.
    public func modules() throws(LinuxError) -> [SysfsModule] {
        var modules: [SysfsModule] = []
        for name in try files.directoryEntries(Self.directory) where files.isDirectory("\(Self.directory)/\(name)") {
            modules.append(read(name))
        }
        return modules
    }

    /// One module by name.
    /// - Throws: `LinuxError` of kind `.notFound` when there is no such directory.
    public func module(named name: String) throws(LinuxError) -> SysfsModule {
        let path = "\(Self.directory)/\(name)"
        guard files.isDirectory(path) else {
            throw LinuxError(kind: .notFound, operation: "stat", path: path, message: "no such module directory")
        }
        return read(name)
    }

    private func read(_ name: String) -> SysfsModule {
        let base = "\(Self.directory)/\(name)"
        var problems: [String] = []

        /// Reads and parses one attribute; nil when absent, noting any other failure.
        func attribute<T>(_ file: String, quietly quiet: Set<LinuxError.Kind> = [.notFound], _ parse: (String, String) throws(ParseError) -> T) -> T? {
            let path = "\(base)/\(file)"
            let text: String
            do {
                text = try files.readText(path, limit: 4096)
            } catch {
                if !quiet.contains(error.kind) { problems.append(error.description) }
                return nil
            }
            do {
                return try parse(text, path)
            } catch {
                problems.append(error.description)
                return nil
            }
        }

        let isLoadable = files.exists("\(base)/initstate")
        var module = SysfsModule(name: name, isLoadable: isLoadable)
        module.initState = attribute("initstate", SysfsModuleAttributeParser.initState)
        module.coreSize = attribute("coresize", SysfsModuleAttributeParser.size)
        module.referenceCount = attribute("refcnt", SysfsModuleAttributeParser.referenceCount)
        module.taint = attribute("taint", SysfsModuleAttributeParser.taint)
        // sections/ is root-only; a non-root reader sees nothing or zeros.
        let text = attribute("sections/.text", quietly: [.notFound, .permissionDenied], SysfsModuleAttributeParser.sectionAddress)
        module.textAddress = text == 0 ? nil : text
        module.problems = problems
        return module
    }
}
