/// The values an entry MSR may legitimately hold on every CPU: the kernel's
/// entry points as `syscall_init()` writes them (`idt_syscall_init()` on 6.x).
///
/// | register | value |
/// |---|---|
/// | IA32_LSTAR | `entry_SYSCALL_64` |
/// | IA32_CSTAR | `entry_SYSCALL_compat`; with IA32 emulation off, `entry_SYSCALL32_ignore` (`ignore_sysret` before 6.7). Not judged on Intel CPUs, which do not use it and where the kernel leaves it unwritten |
/// | IA32_SYSENTER_EIP | `entry_SYSENTER_compat`; with IA32 emulation off, 0. AMD CPUs keep only its low 32 bits |
///
/// With FRED the kernel writes none of them, so none is judged by symbol.
public struct SystemCallEntryExpectation: Sendable, Equatable {
    /// A legitimate value and the name it goes by.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var value: UInt64

        public init(name: String, value: UInt64) {
            self.name = name
            self.value = value
        }
    }

    public var register: ModelSpecificRegister
    /// The legitimate values; never empty.
    public var entries: [Entry]
    /// The CPU keeps only the low 32 bits, so those are compared (SYSENTER_EIP on AMD).
    public var comparesLowHalf: Bool

    public init(register: ModelSpecificRegister, entries: [Entry], comparesLowHalf: Bool = false) {
        self.register = register
        self.entries = entries
        self.comparesLowHalf = comparesLowHalf
    }

    /// Whether `value` is one of the legitimate values.
    public func accepts(_ value: UInt64) -> Bool {
        entries.contains { entry in
            comparesLowHalf ? value & 0xFFFF_FFFF == entry.value & 0xFFFF_FFFF : value == entry.value
        }
    }

    /// "entry_SYSCALL_64", or "entry_SYSCALL_compat or entry_SYSCALL32_ignore".
    public var names: String {
        entries.map(\.name).joined(separator: " or ")
    }

    /// The expectations for this kernel and CPU.
    /// - Parameters:
    ///   - address: a core kernel symbol's address (kallsyms), or nil.
    ///   - ia32Emulation: whether IA32 emulation is on (`__ia32_enabled`, `ia32_emulation=`), nil when unknown.
    /// - Returns: one expectation per register that can be judged, and a note (a covered
    ///   coverage item) for each register compared with its baseline only.
    public static func expectations(
        address: (String) -> UInt64?, platform: ProcessorPlatform, ia32Emulation: Bool?
    ) -> (expectations: [SystemCallEntryExpectation], notes: [CPUStateCoverage.Item]) {
        guard !platform.fredActive else {
            return ([], [baselineOnly("IA32_LSTAR, IA32_CSTAR, IA32_SYSENTER_EIP", "FRED is active: system calls enter through FRED and the kernel leaves these unused")])
        }
        var expectations: [SystemCallEntryExpectation] = []
        var notes: [CPUStateCoverage.Item] = []
        if let lstar = address("entry_SYSCALL_64") {
            expectations.append(SystemCallEntryExpectation(register: .lstar, entries: [Entry(name: "entry_SYSCALL_64", value: lstar)]))
        } else {
            notes.append(baselineOnly("IA32_LSTAR", "kallsyms has no entry_SYSCALL_64"))
        }
        let compat = address("entry_SYSCALL_compat")
        let ignoreName = address("entry_SYSCALL32_ignore") != nil ? "entry_SYSCALL32_ignore" : "ignore_sysret"
        let ignore = address(ignoreName)
        // A kernel with the ignore entry but no compat entry was built without IA32 emulation.
        let emulation = compat != nil ? ia32Emulation : ignore != nil ? false : nil
        if platform.isIntel {
            notes.append(baselineOnly("IA32_CSTAR", "Intel CPUs do not use it and the kernel leaves it unwritten"))
        } else {
            var entries: [Entry] = []
            if let compat, emulation != false { entries.append(Entry(name: "entry_SYSCALL_compat", value: compat)) }
            if let ignore, emulation != true { entries.append(Entry(name: ignoreName, value: ignore)) }
            if entries.isEmpty {
                notes.append(baselineOnly("IA32_CSTAR", "kallsyms has neither entry_SYSCALL_compat nor entry_SYSCALL32_ignore"))
            } else {
                expectations.append(SystemCallEntryExpectation(register: .cstar, entries: entries))
            }
        }
        var sysenter: [Entry] = []
        if let entry = address("entry_SYSENTER_compat"), emulation != false {
            sysenter.append(Entry(name: "entry_SYSENTER_compat", value: entry))
        }
        // IA32 emulation off (or not built in): the kernel writes 0.
        if emulation == false || (emulation == nil && ignore != nil) {
            sysenter.append(Entry(name: "0", value: 0))
        }
        if sysenter.isEmpty {
            notes.append(baselineOnly("IA32_SYSENTER_EIP", "kallsyms has no entry_SYSENTER_compat"))
        } else {
            expectations.append(SystemCallEntryExpectation(register: .sysenterEIP, entries: sysenter, comparesLowHalf: platform.isAMD))
        }
        return (expectations, notes)
    }

    private static func baselineOnly(_ item: String, _ reason: String) -> CPUStateCoverage.Item {
        CPUStateCoverage.Item(item: item, covered: true, detail: "compared with the baseline only (\(reason))")
    }
}
