/// A symbol as the kernel prints an address with `%pS`:
/// `kprobe_ftrace_handler+0x0/0x1b0` or `helper+0x10/0x40 [vigil_rootkit]`.
public struct SymbolReference: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var name: String
    /// Distance of the address from the start of the symbol.
    public var offset: UInt64
    /// The symbol's size; nil when printed without it (`%ps`-style `name+0x10`).
    public var size: UInt64?
    /// The owning module, or nil for the core kernel and for BPF programs
    /// (the kernel prints no module for those).
    public var module: String?

    public init(name: String, offset: UInt64 = 0, size: UInt64? = nil, module: String? = nil) {
        self.name = name
        self.offset = offset
        self.size = size
        self.module = module
    }

    public var description: String {
        var text = "\(name)+0x\(String(offset, radix: 16))"
        if let size { text += "/0x\(String(size, radix: 16))" }
        if let module { text += " [\(module)]" }
        return text
    }
}
