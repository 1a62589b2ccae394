/// One line of `/proc/kallsyms`: an address, a type letter, a name and, for
/// module symbols, the owning module.
public struct KernelSymbol: Equatable, Sendable {
    public var address: UInt64
    /// The `nm`-style type letter: `T`/`t` text, `D`/`d` data, `R`/`r` read-only data, …
    public var type: Character
    public var name: String
    /// The module that owns the symbol, or `nil` for the core kernel.
    public var module: String?

    public init(address: UInt64, type: Character, name: String, module: String? = nil) {
        self.address = address
        self.type = type
        self.name = name
        self.module = module
    }

    /// True for symbols in executable text (`T`, `t`, and weak `W`/`w`).
    public var isText: Bool { "TtWw".contains(type) }
}
