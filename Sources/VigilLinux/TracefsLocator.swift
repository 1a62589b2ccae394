import VigilCore

/// Finds tracefs and debugfs below a `SystemRoot` and reads the hook
/// inventories they hold: ftrace's `enabled_functions`, the kprobe list and
/// the kprobe trace events. It only looks: it never mounts anything.
public struct TracefsLocator: Sendable {
    /// Where one of the two filesystems was found, if anywhere.
    public enum Mount: Equatable, Sendable {
        case mounted(at: String)
        /// Something is mounted there, but this reader may not look inside (both are root-only).
        case inaccessible(at: String, reason: String)
        case absent
    }

    public static let tracefsMountPoints = ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"]
    public static let debugfsMountPoint = "/sys/kernel/debug"

    public var files: KernelFileReader

    public init(root: SystemRoot) {
        self.files = KernelFileReader(root: root)
    }

    /// tracefs at `/sys/kernel/tracing`, else its older place inside debugfs.
    /// A mount point counts once its `trace` file shows (an unmounted mount point is an empty directory).
    public func tracefs() -> Mount {
        var firstInaccessible: Mount?
        for mountPoint in Self.tracefsMountPoints {
            do {
                _ = try files.size(mountPoint + "/trace")
                return .mounted(at: mountPoint)
            } catch where error.kind == .permissionDenied {
                firstInaccessible = firstInaccessible ?? .inaccessible(at: mountPoint, reason: error.description)
            } catch {
                continue
            }
        }
        return firstInaccessible ?? .absent
    }

    /// debugfs at `/sys/kernel/debug`, mounted when the directory is not empty.
    public func debugfs() -> Mount {
        let mountPoint = Self.debugfsMountPoint
        do {
            return try files.directoryEntries(mountPoint).isEmpty ? .absent : .mounted(at: mountPoint)
        } catch where error.kind == .permissionDenied {
            return .inaccessible(at: mountPoint, reason: error.description)
        } catch {
            return .absent
        }
    }

    /// The ftrace call sites in use and what they call (`enabled_functions`).
    public func readEnabledFunctions() -> Availability<[FtraceHookedFunction]> {
        readTracefs("enabled_functions", lacking: "CONFIG_DYNAMIC_FTRACE") { text throws(ParseError) in
            try FtraceEnabledFunctionsParser.parse(text, file: "enabled_functions")
        }
    }

    /// Every call site ever hooked since boot (`touched_functions`, 6.4 and later).
    public func readTouchedFunctions() -> Availability<[FtraceHookedFunction]> {
        readTracefs("touched_functions", lacking: "touched_functions (added in 6.4)") { text throws(ParseError) in
            try FtraceEnabledFunctionsParser.parse(text, file: "touched_functions")
        }
    }

    /// The dynamic kprobe trace events (`kprobe_events`).
    public func readKprobeEvents() -> Availability<[KprobeEventDefinition]> {
        readTracefs("kprobe_events", lacking: "CONFIG_KPROBE_EVENTS") { text throws(ParseError) in
            try KprobeEventsParser.parse(text)
        }
    }

    /// Every registered kprobe (debugfs `kprobes/list`).
    public func readKprobeList() -> Availability<[KprobeRecord]> {
        switch debugfs() {
        case .absent:
            return .unavailable(Unavailability(cause: .notMounted, path: Self.debugfsMountPoint, reason: "debugfs is not mounted at \(Self.debugfsMountPoint)"))
        case .inaccessible(let mountPoint, let reason):
            return .unavailable(Unavailability(cause: .permissionDenied, path: mountPoint, reason: reason))
        case .mounted(let mountPoint):
            return read(mountPoint + "/kprobes/list", lacking: "CONFIG_KPROBES") { text throws(ParseError) in
                try KprobeListParser.parse(text)
            }
        }
    }

    /// The hooks inventory as raw text (enabled_functions, then kprobes/list), from
    /// wherever tracefs and debugfs are mounted: cheap to compare between polls.
    /// Files that cannot be read contribute nothing.
    public func hooksInventoryText() -> String {
        var text = ""
        if case .mounted(let mountPoint) = tracefs() {
            text += (try? files.readText(mountPoint + "/enabled_functions", limit: Self.readLimit)) ?? ""
        }
        text += "\u{0}"
        if case .mounted(let mountPoint) = debugfs() {
            text += (try? files.readText(mountPoint + "/kprobes/list", limit: Self.readLimit)) ?? ""
        }
        return text
    }

    // MARK: - Internals

    /// Files such as `enabled_functions` grow with every hooked function; a
    /// function tracer on everything makes several megabytes.
    static let readLimit = 64 << 20

    private func readTracefs<T>(_ name: String, lacking feature: String, _ parse: (String) throws(ParseError) -> T) -> Availability<T> {
        switch tracefs() {
        case .absent:
            let reason = "tracefs is mounted at neither \(Self.tracefsMountPoints.joined(separator: " nor "))"
            return .unavailable(Unavailability(cause: .notMounted, path: Self.tracefsMountPoints[0], reason: reason))
        case .inaccessible(let mountPoint, let reason):
            return .unavailable(Unavailability(cause: .permissionDenied, path: mountPoint, reason: reason))
        case .mounted(let mountPoint):
            return read("\(mountPoint)/\(name)", lacking: feature, parse)
        }
    }

    private func read<T>(_ path: String, lacking feature: String, _ parse: (String) throws(ParseError) -> T) -> Availability<T> {
        let text: String
        do {
            text = try files.readText(path, limit: Self.readLimit)
        } catch {
            let cause: Unavailability.Cause = switch error.kind {
            case .notFound: .missing
            case .permissionDenied: .permissionDenied
            default: .unreadable
            }
            let reason = error.kind == .notFound ? "\(path) does not exist: the kernel lacks \(feature)" : error.description
            return .unavailable(Unavailability(cause: cause, path: path, reason: reason))
        }
        do {
            return .available(try parse(text))
        } catch {
            return .unavailable(Unavailability(cause: .malformed, path: path, reason: error.description))
        }
    }
}
