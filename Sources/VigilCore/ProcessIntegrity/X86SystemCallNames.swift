/// Names of the x86-64 system calls that matter in integrity evidence: those
/// that legitimately change credentials or namespaces, and those exploits
/// usually arrive through.
public enum X86SystemCallNames {
    static let names: [Int64: String] = [
        0: "read", 1: "write", 2: "open", 3: "close", 4: "stat", 16: "ioctl", 39: "getpid", 56: "clone", 57: "fork",
        58: "vfork", 59: "execve", 60: "exit", 62: "kill", 90: "chmod", 101: "ptrace", 105: "setuid", 106: "setgid",
        110: "getppid", 113: "setreuid", 114: "setregid", 116: "setgroups", 117: "setresuid", 119: "setresgid",
        122: "setfsuid", 123: "setfsgid", 126: "capset", 157: "prctl", 165: "mount", 175: "init_module",
        231: "exit_group", 248: "add_key", 249: "request_key", 250: "keyctl", 257: "openat", 268: "fchmodat", 272: "unshare", 308: "setns",
        313: "finit_module", 317: "seccomp", 322: "execveat", 435: "clone3", 446: "landlock_restrict_self",
    ]

    public static func name(of number: Int64) -> String? {
        names[number]
    }
}
