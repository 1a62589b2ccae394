/// Which modules may load: LKRG's `block_modules`, and an optional allowlist
/// of module names (the name a module gives itself, not its file's).
public struct ModuleLoadPolicy: Sendable, Equatable, Codable {
    /// No module may load at all.
    public var blockModules: Bool
    /// When set, only modules with these names may load.
    public var allowedNames: [String]?

    public static let `default` = ModuleLoadPolicy(blockModules: false, allowedNames: nil)
    /// MODULE_NAME_LEN less its NUL.
    public static let maximumNameBytes = 55

    public init(blockModules: Bool, allowedNames: [String]?) {
        self.blockModules = blockModules
        self.allowedNames = allowedNames
    }

    /// Builds a policy from LKRG's number and a list of names (empty: no allowlist), naming what is wrong on error.
    public init(blockModules: Int, allowedNames: [String]) throws(PolicyError) {
        guard blockModules == 0 || blockModules == 1 else {
            throw PolicyError(key: "block_modules", value: "\(blockModules)", allowed: "0 or 1")
        }
        var names: [String] = []
        for name in allowedNames {
            names.append(try Self.canonicalName(name))
        }
        self.init(blockModules: blockModules == 1, allowedNames: names.isEmpty ? nil : names)
    }

    /// The name as the kernel keeps it: `-` becomes `_`, as kbuild does for KBUILD_MODNAME.
    public static func canonicalName(_ name: String) throws(PolicyError) -> String {
        let canonical = String(name.map { $0 == "-" ? "_" : $0 })
        let valid = !canonical.isEmpty && canonical.utf8.count <= maximumNameBytes
            && canonical.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5a) || ($0 >= 0x61 && $0 <= 0x7a) || $0 == 0x5f }
        guard valid else {
            throw PolicyError(key: "module_allow", value: "'\(name)'", allowed: "a module name of letters, digits, '_' and '-', at most \(maximumNameBytes) bytes")
        }
        return canonical
    }
}
