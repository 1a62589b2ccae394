/// The directory that stands for `/` when Vigil reads kernel state.
///
/// On a host this is `/`; tests point it at a fixture tree captured from a lab
/// kernel (`Tests/Fixtures/rootfs/…`) so every reader runs without a kernel.
public struct SystemRoot: Sendable, Equatable, CustomStringConvertible {
    public var path: String

    /// The running system.
    public static let host = SystemRoot(path: "/")

    public init(path: String) {
        self.path = path.isEmpty ? "/" : path
    }

    public var isHost: Bool { path == "/" }

    /// The real path of `absolute` (`/proc/kallsyms`) below this root.
    public func resolve(_ absolute: String) -> String {
        guard !isHost else { return absolute }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        return absolute.hasPrefix("/") ? base + absolute : base + "/" + absolute
    }

    public var description: String { path }
}
