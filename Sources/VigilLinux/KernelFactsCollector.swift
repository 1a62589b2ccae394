import VigilCore

/// Gathers `KernelFacts` by reading the kernel's pseudo-files below a
/// `SystemRoot`. It only reads: it loads nothing and writes nothing.
public struct KernelFactsCollector: Sendable {
    public var files: KernelFileReader
    /// The machine architecture; `uname` on a host, the fixture's on a captured tree.
    public var architecture: String

    /// How far into /proc/kallsyms to look for a non-zero address before
    /// concluding that addresses are hidden (the per-CPU symbols at the start are zero).
    static let kallsymsScanLimit = 8 << 20

    public init(root: SystemRoot, architecture: String) {
        self.files = KernelFileReader(root: root)
        self.architecture = architecture
    }

    public func collect() -> KernelFacts {
        let release = collectRelease()
        return KernelFacts(
            release: release,
            architecture: architecture,
            kallsyms: collectKallsyms(),
            kcore: collectKcore(),
            btf: collectBTF(),
            bpf: collectBPFSyscall(),
            securityModules: collectSecurityModules(),
            lockdown: collectLockdown(),
            modules: collectModules(),
            tracefs: collectTracefs(),
            config: collectConfig(release: release.value)
        )
    }

    func collectRelease() -> Observation<KernelRelease> {
        let path = "/proc/sys/kernel/osrelease"
        return observe(path) { () throws(ObservationFailure) in
            let text = try readText(path)
            return try parsing { () throws(ParseError) in try KernelRelease(text) }
        }
    }

    func collectKallsyms() -> Observation<KallsymsFacts> {
        let path = "/proc/kallsyms"
        let restrict = try? readInteger("/proc/sys/kernel/kptr_restrict")
        return observe(path) { () throws(ObservationFailure) in
            let bytes: [UInt8]
            do {
                bytes = try files.readPrefix(path, upTo: Self.kallsymsScanLimit) { read in
                    !Self.containsNonZeroAddress(read)
                }
            } catch let error as LinuxError {
                throw .read(error)
            } catch {
                throw .invalid("\(error)")
            }
            // Parse only whole lines: the last chunk usually ends mid-line.
            let text = String(decoding: bytes, as: UTF8.self)
            let whole = text.lastIndex(of: "\n").map { String(text[...$0]) } ?? ""
            let symbols = try parsing { () throws(ParseError) in try KallsymsParser.parse(whole) }
            guard !symbols.isEmpty else { throw .empty }
            return KallsymsFacts(
                addressesVisible: KallsymsParser.addressesVisible(in: symbols),
                kptrRestrict: restrict,
                symbolsRead: symbols.count
            )
        }
    }

    func collectKcore() -> Observation<KcoreFacts> {
        let path = "/proc/kcore"
        return observe(path) { () throws(ObservationFailure) in
            do {
                let start = try files.read(path, at: 0, count: 64)
                let needed = try ELFHeaderParser.bytesNeeded(forHeader: start)
                let header = try ELFHeaderParser.parse(try files.read(path, at: 0, count: min(needed, 1 << 20)))
                guard header.fileType == ELFImageHeader.FileType.core.rawValue else {
                    throw ObservationFailure.invalid("ELF type \(header.fileType), expected a core file (4)")
                }
                return KcoreFacts(loadSegments: header.loadSegments.count, machine: header.machine)
            } catch let error as LinuxError {
                throw .read(error)
            } catch let error as ParseError {
                throw .parse(error)
            } catch let error as ObservationFailure {
                throw error
            } catch {
                throw .invalid("\(error)")
            }
        }
    }

    func collectBTF() -> Observation<BTFFacts> {
        let path = "/sys/kernel/btf/vmlinux"
        return observe(path) { () throws(ObservationFailure) in
            do {
                let size = try files.size(path)
                let header = try BTFHeaderParser.parse(try files.read(path, at: 0, count: 32), totalLength: size > 0 ? size : nil)
                return BTFFacts(sizeBytes: size, typeSectionBytes: header.typeLength, stringSectionBytes: header.stringLength)
            } catch let error as LinuxError {
                throw .read(error)
            } catch let error as ParseError {
                throw .parse(error)
            } catch {
                throw .invalid("\(error)")
            }
        }
    }

    func collectBPFSyscall() -> Observation<BPFSyscallFacts> {
        let path = "/proc/sys/kernel/unprivileged_bpf_disabled"
        var observation = observe(path) { () throws(ObservationFailure) in
            BPFSyscallFacts(unprivilegedBPFDisabled: try readInteger(path))
        }
        if observation.status == .missing {
            observation.problem = "\(path) is absent: the kernel has no BPF system call (CONFIG_BPF_SYSCALL)"
        }
        return observation
    }

    public func collectSecurityModules() -> Observation<[String]> {
        let path = "/sys/kernel/security/lsm"
        var observation = observe(path) { () throws(ObservationFailure) in
            let text = try readText(path)
            return try parsing { () throws(ParseError) in try SecurityFSParser.parseLSMList(text) }
        }
        if observation.status == .missing, !files.exists("/sys/kernel/security/lockdown") {
            observation.problem = "securityfs is not mounted at /sys/kernel/security"
        }
        return observation
    }

    func collectLockdown() -> Observation<LockdownMode> {
        let path = "/sys/kernel/security/lockdown"
        return observe(path) { () throws(ObservationFailure) in
            let text = try readText(path)
            return try parsing { () throws(ParseError) in try SecurityFSParser.parseLockdown(text) }
        }
    }

    func collectModules() -> Observation<ModuleFacts> {
        let path = "/proc/modules"
        let disabled = (try? readInteger("/proc/sys/kernel/modules_disabled")).map { $0 != 0 }
        return observe(path) { () throws(ObservationFailure) in
            let text = try readText(path, limit: 4 << 20)
            let modules = try parsing { () throws(ParseError) in try ProcModulesParser.parse(text) }
            return ModuleFacts(loaded: modules.map(\.name), modulesDisabled: disabled)
        }
    }

    func collectTracefs() -> Observation<TracefsFacts> {
        for mountPoint in ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"] where files.exists(mountPoint + "/trace") {
            return .present(TracefsFacts(mountPoint: mountPoint), from: mountPoint)
        }
        return .missing("/sys/kernel/tracing", "tracefs is not mounted at /sys/kernel/tracing")
    }

    func collectConfig(release: KernelRelease?) -> Observation<KernelConfigFacts> {
        guard let release else {
            return .missing("/boot/config-<release>", "the kernel release is unknown, so its config cannot be found")
        }
        let path = "/boot/config-\(release.rawValue)"
        return observe(path) { () throws(ObservationFailure) in
            let text = try readText(path, limit: 4 << 20)
            return KernelConfigFacts(config: try parsing { () throws(ParseError) in try KernelConfigParser.parse(text) })
        }
    }

    // MARK: - Helpers

    private func readText(_ path: String, limit: Int = 1 << 20) throws(ObservationFailure) -> String {
        do { return try files.readText(path, limit: limit) } catch { throw .read(error) }
    }

    private func parsing<T>(_ body: () throws(ParseError) -> T) throws(ObservationFailure) -> T {
        do { return try body() } catch { throw .parse(error) }
    }

    private func readInteger(_ path: String) throws(ObservationFailure) -> Int {
        let text = try readText(path)
        let trimmed = text.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        guard let value = Int(trimmed) else { throw .invalid("'\(trimmed)' is not an integer") }
        return value
    }

    private func observe<Value>(_ path: String, _ body: () throws(ObservationFailure) -> Value) -> Observation<Value> {
        do {
            return .present(try body(), from: path)
        } catch {
            switch error {
            case .read(let error) where error.kind == .notFound:
                return .missing(path)
            case .read(let error):
                return .unreadable(path, error.description)
            case .parse(let error):
                return .malformed(path, error.description)
            case .invalid(let reason):
                return .malformed(path, reason)
            case .empty:
                return .malformed(path, "\(path) is empty")
            }
        }
    }

    /// True once the bytes hold a complete kallsyms line whose address is not all zeros.
    static func containsNonZeroAddress(_ bytes: [UInt8]) -> Bool {
        var lineStart = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            var position = lineStart
            while position < index, bytes[position] == 0x30 { position += 1 }
            if position < index, bytes[position] != 0x20 { return true }
            lineStart = index + 1
        }
        return false
    }
}

/// Why one observation failed; mapped onto `Observation.Status`.
enum ObservationFailure: Error {
    case read(LinuxError)
    case parse(ParseError)
    case invalid(String)
    case empty
}
