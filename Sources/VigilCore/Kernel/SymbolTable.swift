/// An immutable index over the symbols of `/proc/kallsyms`: names to
/// addresses, and addresses back to the symbol that contains them.
///
/// Built once from `KallsymsParser` output (95k–165k symbols): one sort by
/// address, then lookups by binary search. Symbols at the same address keep
/// their kallsyms order.
public struct SymbolTable: Sendable {
    /// Every symbol, sorted by address.
    private let sorted: [KernelSymbol]
    /// `sorted[i].address`, kept apart so that the binary searches touch only addresses.
    private let sortedAddresses: [UInt64]
    /// The distinct addresses in ascending order, and for each the index in
    /// `sorted` of the symbol `locate` reports there.
    private let distinctAddresses: [UInt64]
    private let preferredIndex: [Int32]
    /// For each name, the first and last index in `sorted` in kallsyms order;
    /// `nextWithSameName` chains the others.
    private let nameChains: [String: NameChain]
    private let nextWithSameName: [Int32]

    /// The loadable modules that own symbols, without the pseudo-modules the
    /// kernel lists for its own generated code (`__builtin__ftrace`,
    /// `__builtin__kprobes`, `bpf`).
    public let modules: Set<String>

    private struct NameChain: Sendable {
        var first: Int32
        var last: Int32
    }

    public init(_ symbols: [KernelSymbol]) {
        var keys = symbols.indices.map { (address: symbols[$0].address, index: Int32($0)) }
        keys.sort { $0.address != $1.address ? $0.address < $1.address : $0.index < $1.index }

        var sorted: [KernelSymbol] = []
        sorted.reserveCapacity(keys.count)
        var positionOf = [Int32](repeating: 0, count: keys.count)
        for (position, key) in keys.enumerated() {
            sorted.append(symbols[Int(key.index)])
            positionOf[Int(key.index)] = Int32(position)
        }

        var chains: [String: NameChain] = [:]
        chains.reserveCapacity(symbols.count)
        var next = [Int32](repeating: -1, count: symbols.count)
        var modules: Set<String> = []
        for (original, symbol) in symbols.enumerated() {
            let position = positionOf[original]
            if let chain = chains[symbol.name] {
                next[Int(chain.last)] = position
                chains[symbol.name] = NameChain(first: chain.first, last: position)
            } else {
                chains[symbol.name] = NameChain(first: position, last: position)
            }
            if let module = symbol.module, !Self.isPseudoModule(module) {
                modules.insert(module)
            }
        }

        var distinct: [UInt64] = []
        var preferred: [Int32] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end].address == sorted[start].address { end += 1 }
            var best = start
            for candidate in (start + 1)..<end where Self.rank(sorted[candidate]) < Self.rank(sorted[best]) {
                best = candidate
            }
            distinct.append(sorted[start].address)
            preferred.append(Int32(best))
            start = end
        }

        self.sorted = sorted
        self.sortedAddresses = keys.map(\.address)
        self.distinctAddresses = distinct
        self.preferredIndex = preferred
        self.nameChains = chains
        self.nextWithSameName = next
        self.modules = modules
    }

    public var count: Int { sorted.count }

    /// The address of the first symbol called `name` (in kallsyms order) in
    /// `module`, or in the core kernel when `module` is nil.
    public func address(of name: String, module: String? = nil) -> UInt64? {
        var index = nameChains[name]?.first ?? -1
        while index >= 0 {
            let symbol = sorted[Int(index)]
            if symbol.module == module { return symbol.address }
            index = nextWithSameName[Int(index)]
        }
        return nil
    }

    /// Every address of a symbol called `name`, in kallsyms order, whatever its module.
    public func addresses(named name: String) -> [UInt64] {
        var result: [UInt64] = []
        var index = nameChains[name]?.first ?? -1
        while index >= 0 {
            result.append(sorted[Int(index)].address)
            index = nextWithSameName[Int(index)]
        }
        return result
    }

    /// The symbol with the greatest address at or below `address`. Where several
    /// symbols share that address, a text symbol wins, then a name that does not
    /// start with `__` (so `do_sys_openat2`, not `__pfx_do_sys_openat2`), then
    /// kallsyms order. Nil below the lowest symbol.
    public func locate(_ address: UInt64) -> SymbolLocation? {
        let upper = Self.firstIndex(in: distinctAddresses, above: address)
        guard upper > 0 else { return nil }
        let symbol = sorted[Int(preferredIndex[upper - 1])]
        return SymbolLocation(symbol: symbol, offset: address - symbol.address)
    }

    /// Whether a text symbol starts exactly at `address`.
    public func isFunctionStart(_ address: UInt64) -> Bool {
        var index = Self.firstIndex(in: sortedAddresses, notBelow: address)
        while index < sorted.count, sortedAddresses[index] == address {
            if sorted[index].isText { return true }
            index += 1
        }
        return false
    }

    /// The text symbols of `module` (the core kernel when nil), sorted by address.
    public func textSymbols(module: String?) -> [KernelSymbol] {
        sorted.filter { $0.module == module && $0.isText }
    }

    /// Every symbol of `module` (the core kernel when nil), sorted by address.
    public func symbols(inModule module: String?) -> [KernelSymbol] {
        sorted.filter { $0.module == module }
    }

    // MARK: - Internals

    /// The kallsyms module tags that stand for kernel-generated code (ftrace and
    /// kprobe trampolines, BPF programs and trampolines) rather than a loaded module.
    /// Exact names: a module may call itself anything, `__builtin_x` included.
    public static let pseudoModules: Set<String> = ["__builtin__ftrace", "__builtin__kprobes", "bpf"]

    public static func isPseudoModule(_ name: String) -> Bool {
        pseudoModules.contains(name)
    }

    /// Lower ranks win a tie at one address.
    private static func rank(_ symbol: KernelSymbol) -> Int {
        (symbol.isText ? 0 : 2) + (symbol.name.hasPrefix("__") ? 1 : 0)
    }

    /// The index of the first element greater than `value` in ascending `values`.
    private static func firstIndex(in values: [UInt64], above value: UInt64) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of the first element not less than `value` in ascending `values`.
    private static func firstIndex(in values: [UInt64], notBelow value: UInt64) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
