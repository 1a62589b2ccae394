import CLibBPF

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Names of types in the kernel's BTF objects (vmlinux and modules), by
/// object id and type id: the functions BPF programs attach to.
///
/// vmlinux BTF is read from `/sys/kernel/btf/vmlinux`; module BTF is fetched
/// by id (`BPF_BTF_GET_FD_BY_ID`) and parsed on top of it. Objects are loaded
/// once and freed with this value. Lookups that fail give `nil`.
final class KernelBTFNames {
    /// vmlinux BTF, the base every module's BTF extends; loaded on first use.
    private var base: OpaquePointer?
    private var baseLoaded = false
    /// The id the kernel gives its vmlinux BTF object, once seen.
    private var vmlinuxID: UInt32?
    private var modules: [UInt32: OpaquePointer] = [:]
    /// Objects that are not kernel BTF or could not be loaded.
    private var unavailable: Set<UInt32> = []

    deinit {
        for module in modules.values { btf__free(module) }
        if let base { btf__free(base) }
    }

    func name(object: UInt32, type: UInt32) -> String? {
        guard object != 0, type != 0, let btf = self.object(object),
              let found = btf__type_by_id(btf, type), let name = btf__name_by_offset(btf, found.pointee.name_off)
        else { return nil }
        let text = String(cString: name)
        return text.isEmpty ? nil : text
    }

    private func object(_ id: UInt32) -> OpaquePointer? {
        if id == vmlinuxID { return vmlinux() }
        if let module = modules[id] { return module }
        guard !unavailable.contains(id) else { return nil }
        switch kernelObjectName(id) {
        case "vmlinux":
            vmlinuxID = id
            return vmlinux()
        case .some:
            if let base = vmlinux(), let module = btf__load_from_kernel_by_id_split(id, base) {
                modules[id] = module
                return module
            }
        case nil:
            break
        }
        unavailable.insert(id)
        return nil
    }

    private func vmlinux() -> OpaquePointer? {
        if !baseLoaded {
            base = btf__load_vmlinux_btf()
            baseLoaded = true
        }
        return base
    }

    /// The name of BTF object `id` if it is kernel BTF (`vmlinux` or a module name).
    private func kernelObjectName(_ id: UInt32) -> String? {
        let descriptor = bpf_btf_get_fd_by_id(id)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [CChar](repeating: 0, count: 64)
        var info = bpf_btf_info()
        let result = buffer.withUnsafeMutableBufferPointer { name in
            info.name = UInt64(UInt(bitPattern: name.baseAddress))
            info.name_len = UInt32(name.count)
            return BPFInventory.objectInfo(descriptor, &info)
        }
        guard result == 0, info.kernel_btf != 0 else { return nil }
        return BPFInventory.cString(of: buffer)
    }
}
