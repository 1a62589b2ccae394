/// The helpers stock kernels run, by the paths distributions install them at.
/// The kernel compares nothing but the path string it was given, so both the
/// /sbin and /usr/sbin spellings are listed where merged-/usr systems use either.
public enum UsermodeHelperAllowlist {
    /// Longest path a helper may have (KMOD_PATH_LEN, including the NUL).
    public static let maximumPathBytes = 255

    public static let builtIn: [String] = [
        // request_module (modprobe_path)
        "/sbin/modprobe", "/usr/sbin/modprobe", "/bin/kmod", "/usr/bin/kmod",
        // request_key
        "/sbin/request-key", "/usr/sbin/request-key",
        // orderly_poweroff / orderly_reboot (poweroff_cmd, reboot_cmd)
        "/sbin/poweroff", "/usr/sbin/poweroff", "/sbin/reboot", "/usr/sbin/reboot",
        // the uevent helper (CONFIG_UEVENT_HELPER)
        "/sbin/hotplug", "/usr/sbin/hotplug", "/sbin/mdev", "/bin/mdev",
        // core dump pipes the distributions configure
        "/lib/systemd/systemd-coredump", "/usr/lib/systemd/systemd-coredump",
        "/usr/share/apport/apport", "/usr/libexec/abrt-hook-ccpp",
        // cgroup v1 release agents
        "/lib/systemd/systemd-cgroups-agent", "/usr/lib/systemd/systemd-cgroups-agent",
        // bridge STP, NFS server client tracking, OCFS2, DRBD, TOMOYO, uvesafb, PnP BIOS, CRDA
        "/sbin/bridge-stp", "/usr/sbin/bridge-stp",
        "/sbin/nfsdcltrack", "/usr/sbin/nfsdcltrack",
        "/sbin/ocfs2_hb_ctl", "/sbin/drbdadm", "/usr/sbin/drbdadm",
        "/sbin/tomoyo-init", "/sbin/v86d", "/sbin/pnpbios", "/sbin/crda",
        // the bpfilter usermode driver (6.1; the kernel's own embedded program, run by this name)
        "bpfilter_umh",
        // helpers that do nothing
        "/bin/true", "/bin/false", "/usr/bin/true", "/usr/bin/false",
    ]

    /// Checks a path an administrator adds: absolute, short enough for the kernel, no NUL or newline.
    public static func validate(_ path: String) throws(PolicyError) {
        let allowed = "an absolute path of at most \(maximumPathBytes) bytes without NUL or newline"
        guard path.hasPrefix("/"), path.utf8.count <= maximumPathBytes,
              !path.utf8.contains(0), !path.utf8.contains(UInt8(ascii: "\n")) else {
            throw PolicyError(key: "umh_allow", value: "'\(path)'", allowed: allowed)
        }
    }
}
