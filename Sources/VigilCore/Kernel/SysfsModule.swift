/// One directory of `/sys/module`: a loaded module, or a built-in one that
/// only shows its parameters.
///
/// A module that hides from `/proc/modules` and `lsmod` often still leaves
/// this directory behind (or the reverse), so the two lists are compared.
public struct SysfsModule: Equatable, Sendable, Codable {
    /// `initstate`, from `show_initstate()` in kernel/module/main.c.
    public enum InitState: String, Sendable, Codable {
        case live
        /// Running its init function.
        case coming
        /// Being unloaded.
        case going
    }

    public var name: String
    /// True for a module loaded at run time (it has `initstate`); false for
    /// one built into the kernel image.
    public var isLoadable: Bool
    public var initState: InitState?
    /// `coresize`: bytes of the module's core (text, and data unless kept apart).
    public var coreSize: UInt64?
    /// `refcnt`; absent without CONFIG_MODULE_UNLOAD.
    public var referenceCount: Int?
    /// `taint`: the module's taint letters (`OE` for out-of-tree and unsigned),
    /// empty when clean, nil for built-ins.
    public var taint: String?
    /// `sections/.text`: where the module's code starts; nil when the file is
    /// root-only or shows zero to this reader.
    public var textAddress: UInt64?
    /// Attributes that exist but could not be read or understood, one sentence each.
    public var problems: [String]

    public init(
        name: String, isLoadable: Bool, initState: InitState? = nil, coreSize: UInt64? = nil,
        referenceCount: Int? = nil, taint: String? = nil, textAddress: UInt64? = nil, problems: [String] = []
    ) {
        self.name = name
        self.isLoadable = isLoadable
        self.initState = initState
        self.coreSize = coreSize
        self.referenceCount = referenceCount
        self.taint = taint
        self.textAddress = textAddress
        self.problems = problems
    }
}
