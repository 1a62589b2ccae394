/// One dynamic kprobe trace event, as tracefs `kprobe_events` lists it:
/// `p:kprobes/vigilprobe do_sys_openat2` or `r16:grp/name vfs_read+8 ret=$retval`.
public struct KprobeEventDefinition: Equatable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// `p`: fires on the probed instruction.
        case probe = "p"
        /// `r`: fires when the probed function returns (a kretprobe).
        case returnProbe = "r"
    }

    /// One `name=fetch` argument, with the fetch text as the user wrote it.
    public struct Argument: Equatable, Sendable, Codable {
        public var name: String
        public var fetch: String

        public init(name: String, fetch: String) {
            self.name = name
            self.fetch = fetch
        }
    }

    public var kind: Kind
    /// For return probes, how many calls may be in flight at once (`r16:`); nil when left to the kernel.
    public var maxActive: Int?
    /// The event group (`kprobes` unless the creator chose one).
    public var group: String
    public var event: String
    /// The probed symbol; nil when the probe was placed at a raw address.
    public var symbol: String?
    /// Bytes past the start of `symbol`.
    public var offset: UInt64
    /// The module named in `module:symbol`, nil otherwise.
    public var module: String?
    /// The raw probe address for probes placed without a symbol. The kernel
    /// prints it with `%p`, so this is a hashed value unless it was booted
    /// with `no_hash_pointers`: useful to tell probes apart, not to locate them.
    public var address: UInt64?
    public var arguments: [Argument]

    public init(
        kind: Kind, maxActive: Int? = nil, group: String, event: String, symbol: String? = nil,
        offset: UInt64 = 0, module: String? = nil, address: UInt64? = nil, arguments: [Argument] = []
    ) {
        self.kind = kind
        self.maxActive = maxActive
        self.group = group
        self.event = event
        self.symbol = symbol
        self.offset = offset
        self.module = module
        self.address = address
        self.arguments = arguments
    }
}
