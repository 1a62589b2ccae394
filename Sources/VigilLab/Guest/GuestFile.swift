/// A file to place in a guest's initramfs.
public struct GuestFile: Equatable, Sendable {
    /// The path inside the guest, without the leading `/` (`lab/scenario/action.sh`).
    public var path: String
    public var contents: String
    /// Whether the file gets mode 0755 rather than 0644.
    public var executable: Bool

    public init(path: String, contents: String, executable: Bool = false) {
        self.path = path
        self.contents = contents
        self.executable = executable
    }
}
