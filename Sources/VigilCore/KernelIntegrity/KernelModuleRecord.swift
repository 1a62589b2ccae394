/// A loaded module as the kernel's own `struct module` describes it (read by
/// Vigil's BPF programs): where its text and read-only data are, and its
/// patch-site tables.
public struct KernelModuleRecord: Sendable, Equatable {
    public enum State: Int32, Sendable {
        case live = 0, coming = 1, going = 2, unformed = 3
    }

    public var name: String
    /// Address of its `struct module`.
    public var address: UInt64
    public var state: Int32
    public var text: Range<UInt64>
    public var rodata: Range<UInt64>
    public var roAfterInit: Range<UInt64>
    public var jumpEntries: UInt64
    public var jumpEntryCount: Int
    public var staticCallSites: UInt64
    public var staticCallSiteCount: Int

    public init(
        name: String, address: UInt64, state: Int32, text: Range<UInt64>, rodata: Range<UInt64>, roAfterInit: Range<UInt64>,
        jumpEntries: UInt64 = 0, jumpEntryCount: Int = 0, staticCallSites: UInt64 = 0, staticCallSiteCount: Int = 0
    ) {
        self.name = name
        self.address = address
        self.state = state
        self.text = text
        self.rodata = rodata
        self.roAfterInit = roAfterInit
        self.jumpEntries = jumpEntries
        self.jumpEntryCount = jumpEntryCount
        self.staticCallSites = staticCallSites
        self.staticCallSiteCount = staticCallSiteCount
    }

    public var isLive: Bool { state == State.live.rawValue }
}
