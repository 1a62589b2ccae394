/// What the kernel says about the CPUs and how it was booted: the vendor and
/// feature flags of `/proc/cpuinfo` (the kernel removes the flags of features
/// it turned off) and the parameters of `/proc/cmdline`.
public struct ProcessorPlatform: Sendable, Equatable {
    /// `vendor_id`: `GenuineIntel`, `AuthenticAMD`, `HygonGenuine`, … or empty when unknown.
    public var vendor: String
    /// The first CPU's `flags`.
    public var flags: Set<String>
    /// The kernel's parameters, up to a `--` (what follows is for init).
    public var parameters: [String]

    public init(vendor: String, flags: Set<String>, parameters: [String]) {
        self.vendor = vendor
        self.flags = flags
        self.parameters = parameters
    }

    /// Nothing known: no expectation is derived from the platform.
    public static let unknown = ProcessorPlatform(vendor: "", flags: [], parameters: [])

    /// Reads the first processor's `vendor_id` and `flags` from `/proc/cpuinfo` and the
    /// parameters from `/proc/cmdline`. Fields it does not find stay empty.
    public static func parse(cpuinfo: String, commandLine: String) -> ProcessorPlatform {
        var vendor = ""
        var flags: Set<String>?
        for line in TextLines(cpuinfo) {
            guard let colon = line.content.firstIndex(of: ":") else {
                // A blank line ends the first processor's block.
                if line.content.allSatisfy(\.isWhitespace), flags != nil || !vendor.isEmpty { break }
                continue
            }
            let key = line.content[..<colon].trimmingWhitespace()
            let value = line.content[line.content.index(after: colon)...]
            if key == "vendor_id", vendor.isEmpty {
                vendor = String(value.trimmingWhitespace())
            } else if key == "flags", flags == nil {
                flags = Set(value.whitespaceFields.map(String.init))
            }
        }
        var parameters: [String] = []
        for field in commandLine.split(whereSeparator: \.isWhitespace) {
            if field == "--" { break }
            parameters.append(String(field))
        }
        return ProcessorPlatform(vendor: vendor, flags: flags ?? [], parameters: parameters)
    }

    public var isIntel: Bool { vendor == "GenuineIntel" }
    /// AMD and Hygon CPUs keep only the low 32 bits of the SYSENTER MSRs (they have no SYSENTER in long mode).
    public var isAMD: Bool { vendor == "AuthenticAMD" || vendor == "HygonGenuine" }

    /// The value of the last `name=value` parameter, or nil.
    public func value(of name: String) -> String? {
        let prefix = name + "="
        return parameters.last { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// Whether the command line turns the feature of a watched CR4 bit off:
    /// `nosmep`, `nosmap`, or `clearcpuid=` naming it (by name or by its
    /// X86_FEATURE number: SMEP 295, SMAP 308, UMIP 514).
    public func disables(_ bit: ControlRegister4) -> Bool {
        let number: String
        switch bit {
        case .smep:
            if parameters.contains("nosmep") { return true }
            number = "295"
        case .smap:
            if parameters.contains("nosmap") { return true }
            number = "308"
        case .umip:
            number = "514"
        default:
            return false
        }
        return parameters.contains { parameter in
            guard parameter.hasPrefix("clearcpuid=") else { return false }
            let names = parameter.dropFirst("clearcpuid=".count).split(separator: ",")
            return names.contains { $0 == bit.cpuinfoFlag || $0 == number }
        }
    }

    /// The CR4 bits the kernel sets at boot on this machine: the CPU has the feature
    /// (its flag is in cpuinfo) and the command line does not turn it off.
    public var expectedControlRegister4: ControlRegister4 {
        var bits: ControlRegister4 = []
        for bit in ControlRegister4.watched where flags.contains(bit.cpuinfoFlag) && !disables(bit) {
            bits.insert(bit)
        }
        return bits
    }

    /// Whether system calls enter through FRED (flag `fred`, not `fred=off`): the kernel
    /// then leaves LSTAR, CSTAR and the SYSENTER MSRs unwritten.
    public var fredActive: Bool {
        flags.contains("fred") && value(of: "fred") != "off"
    }

    /// `ia32_emulation=` (6.7 and later) as the kernel's `kstrtobool` reads it, or nil when absent or unreadable.
    public var ia32Emulation: Bool? {
        guard let text = value(of: "ia32_emulation"), let first = text.first else { return nil }
        switch first {
        case "1", "y", "Y", "t", "T": return true
        case "0", "n", "N", "f", "F": return false
        case "o", "O":
            let rest = text.dropFirst().lowercased()
            return rest.hasPrefix("n") ? true : rest.hasPrefix("f") ? false : nil
        default: return nil
        }
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var text = self
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
