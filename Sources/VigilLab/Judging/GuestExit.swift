/// How the QEMU process of one run ended.
public struct GuestExit: Equatable, Sendable {
    /// QEMU's exit status (0 after `poweroff -f` and after a panic with `-no-reboot`).
    public var status: Int32
    /// The harness killed QEMU because the scenario's timeout passed.
    public var killedAtTimeout: Bool
    /// QEMU's standard error, for the report when it failed to start.
    public var diagnostics: String

    public init(status: Int32, killedAtTimeout: Bool, diagnostics: String = "") {
        self.status = status
        self.killedAtTimeout = killedAtTimeout
        self.diagnostics = diagnostics
    }
}
