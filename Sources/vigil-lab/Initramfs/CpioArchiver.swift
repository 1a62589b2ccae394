/// Packs a staging directory into a gzip-compressed `newc` cpio archive, as the kernel wants an initramfs.
enum CpioArchiver {
    /// `find | sort | cpio -o -H newc --owner=0:0 | gzip -1`: every file owned by root,
    /// in a stable order, compressed for speed rather than size.
    static func pack(directory: String, into archive: String) async throws {
        let script = """
            set -euo pipefail
            cd "$1"
            find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc --owner=0:0 | gzip -1 > "$2"
            """
        try await Subprocess("bash", ["-c", script, "cpio-pack", directory, archive]).check()
    }
}
