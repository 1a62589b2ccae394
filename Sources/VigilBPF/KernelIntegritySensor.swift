import CVigilABI
import VigilCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The kernel-integrity programs: module load/live/free events, the module-list
/// walk, and the values legitimate interfaces write into watched variables.
/// They validate nothing themselves; they tell the agent when and what to look at.
public final class KernelIntegritySensor: @unchecked Sendable {
    static let programs = [
        SensorProgram("vigil_module_loaded", .tracing(function: "module_load")),
        SensorProgram("vigil_module_freed", .tracing(function: "module_free")),
        SensorProgram("vigil_module_initialised", .tracing(function: "do_init_module"),
                      .optional(consequence: "modules are baselined at the next timer check instead of as soon as they are live")),
        SensorProgram("vigil_walk_modules", .iterator),
        SensorProgram("vigil_read_memory", .iterator),
        SensorProgram("vigil_sysctl_written", .tracing(function: "proc_sys_write"),
                      .optional(consequence: "writes through /proc/sys to watched variables are reported as tampering")),
        SensorProgram("vigil_selinux_enforce_written", .tracing(function: "sel_write_enforce"),
                      .optional(consequence: "setenforce is reported as tampering")),
        SensorProgram("vigil_lockdown_written", .tracing(function: "lockdown_write"),
                      .optional(consequence: "raising lockdown through securityfs is reported as tampering")),
        SensorProgram("vigil_module_parameter_written", .tracing(function: "param_attr_store"),
                      .optional(consequence: "module parameter writes to watched variables are reported as tampering")),
        SensorProgram("vigil_uevent_helper_written", .tracing(function: "uevent_helper_store"),
                      .optional(consequence: "writes to /sys/kernel/uevent_helper are reported as tampering")),
    ]

    /// Tracepoints, which need no BTF function check.
    static let tracepoints: Set<String> = ["module_load", "module_free"]

    public struct Settings: Sendable, Equatable {
        public var modulesHead: UInt64
        public var selinuxState: UInt64
        public var kernelLockedDown: UInt64
        public var ueventHelper: UInt64

        public init(modulesHead: UInt64, selinuxState: UInt64, kernelLockedDown: UInt64, ueventHelper: UInt64) {
            self.modulesHead = modulesHead
            self.selinuxState = selinuxState
            self.kernelLockedDown = kernelLockedDown
            self.ueventHelper = ueventHelper
        }
    }

    private let object: BPFObject
    public private(set) var attached: [String] = []
    public private(set) var skipped: [(program: String, consequence: String)] = []

    public init(settings: Settings, hasKernelFunction: (String) -> Bool = kernelHasFunction) throws(BPFError) {
        guard let bytes = Base64.decode(EmbeddedKernelBPFObject.base64), bytes.count == EmbeddedKernelBPFObject.byteCount else {
            throw BPFError(operation: "decode the embedded kernel-integrity BPF object", errno: EINVAL)
        }
        let object = try BPFObject(bytes: bytes, name: "vigil_kernel")
        var selected: [SensorProgram] = []
        for program in Self.programs {
            guard case .tracing(let function) = program.attachment, !Self.tracepoints.contains(function) else {
                selected.append(program)
                continue
            }
            if hasKernelFunction(function) {
                selected.append(program)
            } else if case .optional(let consequence) = program.requirement {
                try object.setAutoload(program.name, false)
                skipped.append((program.name, "\(function) is not in this kernel: \(consequence)"))
            } else {
                throw BPFError(operation: "find kernel function \(function) for \(program.name)", errno: ENOENT)
            }
        }
        try object.load()
        var raw = vigil_kernel_settings()
        raw.modules_head = settings.modulesHead
        raw.selinux_state = settings.selinuxState
        raw.kernel_locked_down = settings.kernelLockedDown
        raw.uevent_helper = settings.ueventHelper
        try BPFMap.update(descriptor: try object.mapDescriptor("vigil_kernel_settings_map"), key: 0, value: raw)
        for program in selected {
            if program.attachment == .iterator {
                try object.attachIterator(program.name)
            } else {
                try object.attach(program.name)
            }
        }
        self.object = object
        attached = selected.map(\.name)
    }

    /// Walks the kernel's module list; one `listed` event per module, then `listEnd`, arrive on the ring.
    public func walkModules() throws(BPFError) {
        try object.runIterator("vigil_walk_modules")
    }

    public func makeEventReader(handle: @escaping ([UInt8]) -> Void) throws(BPFError) -> RingBufferReader {
        try RingBufferReader(mapDescriptor: try object.mapDescriptor("vigil_kernel_ring"), handle: handle)
    }

    /// Kernel memory read through this object, for when /proc/kcore cannot be read.
    public func makeMemoryReader() -> BPFKernelMemory {
        BPFKernelMemory(sensor: self)
    }

    func mapDescriptor(_ name: String) throws(BPFError) -> Int32 {
        try object.mapDescriptor(name)
    }

    func runIterator(_ name: String) throws(BPFError) {
        try object.runIterator(name)
    }

    /// Events the ring could not take.
    public func droppedEvents() throws(BPFError) -> UInt64 {
        try BPFMap.perCPUSum(descriptor: try object.mapDescriptor("vigil_kernel_drops"), key: 0)
    }
}
