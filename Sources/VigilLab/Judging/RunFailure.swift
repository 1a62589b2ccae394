/// One reason a (scenario, kernel) run failed.
public struct RunFailure: Equatable, Sendable, Codable, CustomStringConvertible {
    /// The kinds of failure, as they appear in reports.
    public enum Kind: String, Sendable, Codable {
        /// No `LAB end` before the scenario's timeout.
        case timeout
        /// QEMU stopped without `LAB end` (a panic reboots, and `-no-reboot` turns that into an exit).
        case noEnd = "no-end"
        /// QEMU itself failed (bad kernel path, missing initrd, bad option).
        case hypervisor
        /// A console or `DMESG` line matched a kernel-trouble pattern.
        case kernelTrouble = "kernel-trouble"
        /// The setup section exited non-zero.
        case setupFailed = "setup-failed"
        /// The verdict differs from the scenario's `expect:`.
        case verdictMismatch = "verdict-mismatch"
        /// The harness could not prepare or start the run (initramfs, files).
        case harness
    }

    public var kind: Kind
    /// A sentence for people.
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
