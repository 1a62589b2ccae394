/// A kernel variable that decides what runs with full privilege or how much
/// the kernel protects itself, and the legitimate interface that changes it.
public struct WatchedVariable: Sendable, Equatable {
    public enum Format: Sendable, Equatable {
        /// A NUL-terminated path or pattern in a fixed buffer.
        case string
        /// A little-endian integer.
        case integer
    }

    /// The kernel symbol.
    public var symbol: String
    /// Bytes compared from the symbol's address (plus `offset`).
    public var size: Int
    public var offset: Int
    public var format: Format
    /// How an administrator legitimately changes it.
    public var interface: String

    public init(symbol: String, size: Int, offset: Int = 0, format: Format, interface: String) {
        self.symbol = symbol
        self.size = size
        self.offset = offset
        self.format = format
        self.interface = interface
    }

    /// The variables Vigil watches on every kernel that has them.
    /// Sizes are the kernel's buffer sizes (KMOD_PATH_LEN, CORENAME_MAX_SIZE, …).
    public static let defaults: [WatchedVariable] = [
        WatchedVariable(symbol: "modprobe_path", size: 256, format: .string, interface: "/proc/sys/kernel/modprobe"),
        WatchedVariable(symbol: "core_pattern", size: 128, format: .string, interface: "/proc/sys/kernel/core_pattern"),
        WatchedVariable(symbol: "poweroff_cmd", size: 256, format: .string, interface: "/proc/sys/kernel/poweroff_cmd"),
        WatchedVariable(symbol: "uevent_helper", size: 256, format: .string, interface: "/sys/kernel/uevent_helper"),
        WatchedVariable(symbol: "modules_disabled", size: 4, format: .integer, interface: "/proc/sys/kernel/modules_disabled"),
        WatchedVariable(symbol: "kptr_restrict", size: 4, format: .integer, interface: "/proc/sys/kernel/kptr_restrict"),
        WatchedVariable(symbol: "dmesg_restrict", size: 4, format: .integer, interface: "/proc/sys/kernel/dmesg_restrict"),
        WatchedVariable(symbol: "sysctl_unprivileged_bpf_disabled", size: 4, format: .integer, interface: "/proc/sys/kernel/unprivileged_bpf_disabled"),
        WatchedVariable(symbol: "kernel_locked_down", size: 4, format: .integer, interface: "/sys/kernel/security/lockdown"),
        WatchedVariable(symbol: "aa_g_profile_mode", size: 4, format: .integer, interface: "/sys/module/apparmor/parameters/mode"),
    ]

    /// SELinux's enforcing flag: a bool inside `selinux_state`, after `disabled` on
    /// kernels that still have SECURITY_SELINUX_DISABLE (removed in 6.4).
    public static func selinuxEnforcing(hasDisableFlag: Bool) -> WatchedVariable {
        WatchedVariable(symbol: "selinux_state", size: 1, offset: hasDisableFlag ? 1 : 0, format: .integer, interface: "/sys/fs/selinux/enforce")
    }

    /// How a value reads in evidence: the string up to its NUL, or the integer.
    public func render(_ bytes: [UInt8]) -> String {
        switch format {
        case .string:
            let text = bytes.prefix { $0 != 0 }
            return String(decoding: text, as: UTF8.self)
        case .integer:
            var value: UInt64 = 0
            for (index, byte) in bytes.prefix(8).enumerated() {
                value |= UInt64(byte) << (8 * UInt64(index))
            }
            return "\(value)"
        }
    }
}
