import CLibBPF

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A BPF object file opened and loaded through libbpf: its programs, maps and
/// the links of attached programs. Destroying it detaches everything.
public final class BPFObject: @unchecked Sendable {
    private let bytes: [UInt8]
    private let handle: OpaquePointer
    private var links: [String: OpaquePointer] = [:]
    private var loaded = false

    /// Opens an object from memory (libbpf keeps pointing at `bytes`, so they live as long as this object).
    public init(bytes: [UInt8], name: String) throws(BPFError) {
        LibBPF.captureLog()
        self.bytes = bytes
        let opened: OpaquePointer? = self.bytes.withUnsafeBytes { raw in
            name.withCString { objectName in
                var options = bpf_object_open_opts()
                options.sz = MemoryLayout<bpf_object_open_opts>.size
                options.object_name = objectName
                return bpf_object__open_mem(raw.baseAddress, raw.count, &options)
            }
        }
        guard let opened else {
            throw BPFError(operation: "open BPF object \(name)", errno: currentErrno(), log: LibBPF.recentLog())
        }
        handle = opened
    }

    deinit {
        for link in links.values { bpf_link__destroy(link) }
        bpf_object__close(handle)
    }

    /// Names of every program in the object.
    public var programNames: [String] {
        var names: [String] = []
        var program = bpf_object__next_program(handle, nil)
        while let current = program {
            names.append(String(cString: bpf_program__name(current)))
            program = bpf_object__next_program(handle, current)
        }
        return names
    }

    /// Chooses whether `program` is loaded. Call before `load()`.
    public func setAutoload(_ program: String, _ enabled: Bool) throws(BPFError) {
        let found = try self.program(program)
        let result = bpf_program__set_autoload(found, enabled)
        guard result == 0 else { throw BPFError(operation: "set autoload of \(program)", errno: -result) }
    }

    /// Loads every program marked for loading into the kernel (the verifier runs here).
    public func load() throws(BPFError) {
        LibBPF.clearLog()
        let result = bpf_object__load(handle)
        guard result == 0 else {
            throw BPFError(operation: "load BPF programs", errno: -result, log: LibBPF.recentLog())
        }
        loaded = true
    }

    /// Attaches `program` at the hook its section names.
    public func attach(_ program: String) throws(BPFError) {
        let found = try self.program(program)
        guard let link = bpf_program__attach(found) else {
            throw BPFError(operation: "attach \(program)", errno: currentErrno(), log: LibBPF.recentLog())
        }
        links[program] = link
    }

    /// Attaches an iterator program; `runIterator` then runs it.
    public func attachIterator(_ program: String) throws(BPFError) {
        let found = try self.program(program)
        guard let link = bpf_program__attach_iter(found, nil) else {
            throw BPFError(operation: "attach iterator \(program)", errno: currentErrno(), log: LibBPF.recentLog())
        }
        links[program] = link
    }

    /// Runs an attached iterator to its end and returns what it wrote.
    @discardableResult
    public func runIterator(_ program: String) throws(BPFError) -> Int {
        guard let link = links[program] else {
            throw BPFError(operation: "run iterator \(program) (not attached)", errno: ENOENT)
        }
        let descriptor = bpf_iter_create(bpf_link__fd(link))
        guard descriptor >= 0 else { throw BPFError(operation: "create iterator \(program)", errno: -descriptor) }
        defer { close(descriptor) }
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count == 0 { return total }
            if count < 0 {
                let code = currentErrno()
                if code == EINTR || code == EAGAIN { continue }
                throw BPFError(operation: "read iterator \(program)", errno: code)
            }
            total += count
        }
    }

    public func isAttached(_ program: String) -> Bool {
        links[program] != nil
    }

    /// The file descriptor of a map, for updates, lookups and ring buffers.
    public func mapDescriptor(_ name: String) throws(BPFError) -> Int32 {
        guard let map = bpf_object__find_map_by_name(handle, name) else {
            throw BPFError(operation: "find map \(name)", errno: ENOENT)
        }
        let descriptor = bpf_map__fd(map)
        guard descriptor >= 0 else { throw BPFError(operation: "map \(name) has no descriptor", errno: -descriptor) }
        return descriptor
    }

    private func program(_ name: String) throws(BPFError) -> OpaquePointer {
        guard let program = bpf_object__find_program_by_name(handle, name) else {
            throw BPFError(operation: "find program \(name)", errno: ENOENT)
        }
        return program
    }
}

/// Whether the running kernel's BTF has a function an fentry/fexit program can attach to.
public func kernelHasFunction(_ name: String) -> Bool {
    libbpf_find_vmlinux_btf_id(name, BPF_TRACE_FENTRY) > 0
}
