import CVigilABI
import VigilCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The guard of the kernel's own ways to run code as root: the usermode
/// helpers it executes and the modules it loads (bpf/vigil_guard.bpf.c).
/// Policy lives in BPF maps, so changing it never detaches anything.
public final class GuardSensor: @unchecked Sendable {
    /// The pair of programs behind one refusal: the BPF LSM hook, or fmod_ret on its security_* function.
    struct Refusal {
        var lsm: String
        var hook: String
        var modifyReturn: String
        var function: String
    }

    static let refusals = [
        Refusal(lsm: "vigil_lsm_helper_exec", hook: "bprm_check_security", modifyReturn: "vigil_fmod_helper_exec", function: "security_bprm_check"),
        Refusal(lsm: "vigil_lsm_module_file", hook: "kernel_read_file", modifyReturn: "vigil_fmod_module_file", function: "security_kernel_read_file"),
        Refusal(lsm: "vigil_lsm_module_data", hook: "kernel_load_data", modifyReturn: "vigil_fmod_module_data", function: "security_kernel_load_data"),
        Refusal(lsm: "vigil_lsm_module_file_read", hook: "kernel_post_read_file", modifyReturn: "vigil_fmod_module_file_read", function: "security_kernel_post_read_file"),
        Refusal(lsm: "vigil_lsm_module_data_copied", hook: "kernel_post_load_data", modifyReturn: "vigil_fmod_module_data_copied", function: "security_kernel_post_load_data"),
    ]

    static let observers = [
        SensorProgram("vigil_helper_called", .tracing(function: "call_usermodehelper_exec"),
                      .optional(consequence: "helper calls are not reported with their argv and caller; refused execs still are")),
        SensorProgram("vigil_helper_sysctl_written", .tracing(function: "proc_sys_write"),
                      .optional(consequence: "helpers are judged by the allowlist alone: a value written to modprobe_path or core_pattern through /proc/sys is not trusted, and one written to memory directly is not told apart")),
    ]

    /// Kernel addresses the guard compares helper paths with.
    public struct Variables: Sendable, Equatable {
        public var modprobePath: UInt64
        public var corePattern: UInt64

        public init(modprobePath: UInt64, corePattern: UInt64) {
            self.modprobePath = modprobePath
            self.corePattern = corePattern
        }
    }

    /// What the guard could do on this kernel.
    public struct Coverage: Sendable {
        public var attached: [String]
        public var skipped: [(program: String, consequence: String)]
        /// How refusals are made: "BPF LSM" or "fmod_ret".
        public var refusalRoute: String
        /// Whether the values of modprobe_path and core_pattern written through /proc/sys are tracked.
        public var tracksVariables: Bool
        /// Seconds the kernel took to verify and load the programs.
        public var loadSeconds: Double
    }

    private let object: BPFObject
    private let variables: Variables
    public private(set) var coverage: Coverage

    public init(variables: Variables, bpfLSMActive: Bool, hasKernelFunction: (String) -> Bool = kernelHasFunction) throws(BPFError) {
        guard let bytes = Base64.decode(EmbeddedGuardBPFObject.base64), bytes.count == EmbeddedGuardBPFObject.byteCount else {
            throw BPFError(operation: "decode the embedded guard BPF object", errno: EINVAL)
        }
        let object = try BPFObject(bytes: bytes, name: "vigil_guard")
        var attach: [String] = []
        var skipped: [(String, String)] = []
        for refusal in Self.refusals {
            if bpfLSMActive {
                try object.setAutoload(refusal.modifyReturn, false)
                attach.append(refusal.lsm)
            } else {
                try object.setAutoload(refusal.lsm, false)
                guard hasKernelFunction(refusal.function) else {
                    throw BPFError(operation: "find kernel function \(refusal.function) for \(refusal.modifyReturn) (the BPF LSM is not active either)", errno: ENOENT)
                }
                attach.append(refusal.modifyReturn)
            }
        }
        for program in Self.observers {
            guard case .tracing(let function) = program.attachment else { continue }
            if hasKernelFunction(function) {
                attach.append(program.name)
            } else if case .optional(let consequence) = program.requirement {
                try object.setAutoload(program.name, false)
                skipped.append((program.name, "\(function) is not in this kernel: \(consequence)"))
            }
        }
        let loadStart = MonotonicClock.now()
        try object.load()
        let loadSeconds = MonotonicClock.seconds(since: loadStart)
        self.object = object
        self.variables = variables
        let tracksVariables = attach.contains("vigil_helper_sysctl_written")
        coverage = Coverage(
            attached: attach, skipped: skipped, refusalRoute: bpfLSMActive ? "BPF LSM" : "fmod_ret", tracksVariables: tracksVariables,
            loadSeconds: loadSeconds
        )
        // Observers first, so that no /proc/sys write between seeding and enforcing goes unseen.
        for name in attach where Self.observers.contains(where: { $0.name == name }) {
            try object.attach(name)
        }
        for name in attach where !Self.observers.contains(where: { $0.name == name }) {
            try object.attach(name)
        }
    }

    /// Applies the policy at once: the next helper call or module load sees it.
    /// The allowlists are written before the switches that make them matter.
    public func apply(helpers: UsermodeHelperPolicy, modules: ModuleLoadPolicy) throws(BPFError) {
        try replaceKeys(in: "vigil_helper_allowlist", with: helpers.allowlist.map { Self.paddedKey($0, size: Int(VIGIL_HELPER_PATH_LEN)) })
        try replaceKeys(in: "vigil_module_allowlist", with: (modules.allowedNames ?? []).map { Self.paddedKey($0, size: Int(VIGIL_MODULE_NAME_LEN)) })
        var raw = vigil_guard_policy()
        raw.umh_validate = helpers.validation.rawValue
        raw.umh_enforce = helpers.enforcement.rawValue
        raw.block_modules = modules.blockModules ? 1 : 0
        raw.module_allowlist = modules.allowedNames == nil ? 0 : 1
        raw.modprobe_path = coverage.tracksVariables ? variables.modprobePath : 0
        raw.core_pattern = coverage.tracksVariables ? variables.corePattern : 0
        try BPFMap.update(descriptor: try object.mapDescriptor("vigil_guard_policy_map"), key: 0, value: raw)
    }

    /// Sets the values of modprobe_path and core_pattern the administrator configured
    /// (read from /proc/sys at start); from then on the guard's fexit on proc_sys_write keeps them.
    public func seedExpectedValues(modprobePath: String?, corePattern: String?) throws(BPFError) {
        guard coverage.tracksVariables else { return }
        var raw = vigil_helper_expected()
        var known: UInt32 = 0
        if let modprobePath, variables.modprobePath != 0 {
            Self.copy(modprobePath, into: &raw.modprobe_path)
            known |= UInt32(VIGIL_HELPER_MODPROBE_PATH.rawValue)
        }
        if let corePattern, variables.corePattern != 0 {
            Self.copy(corePattern, into: &raw.core_pattern)
            known |= UInt32(VIGIL_HELPER_CORE_PATTERN.rawValue)
        }
        raw.known = known
        try BPFMap.update(descriptor: try object.mapDescriptor("vigil_helper_expected_map"), key: 0, value: raw)
    }

    public func makeEventReader(handle: @escaping ([UInt8]) -> Void) throws(BPFError) -> RingBufferReader {
        try RingBufferReader(mapDescriptor: try object.mapDescriptor("vigil_guard_ring"), handle: handle)
    }

    /// The guard's counters, by name.
    public func counters() throws(BPFError) -> [String: UInt64] {
        let descriptor = try object.mapDescriptor("vigil_guard_counters")
        var result: [String: UInt64] = [:]
        for (slot, name) in ["helpers_called", "helpers_refused", "modules_refused", "guard_events_dropped"].enumerated() {
            result[name] = try BPFMap.perCPUSum(descriptor: descriptor, key: UInt32(slot))
        }
        return result
    }

    private func replaceKeys(in map: String, with keys: [[UInt8]]) throws(BPFError) {
        let descriptor = try object.mapDescriptor(map)
        let wanted = Set(keys)
        for key in keys {
            try BPFMap.update(descriptor: descriptor, keyBytes: key, value: UInt32(1))
        }
        for key in try BPFMap.keys(descriptor: descriptor, keySize: keys.first?.count ?? Self.keySize(of: map)) where !wanted.contains(key) {
            try BPFMap.delete(descriptor: descriptor, keyBytes: key)
        }
    }

    private static func keySize(of map: String) -> Int {
        map == "vigil_helper_allowlist" ? Int(VIGIL_HELPER_PATH_LEN) : Int(VIGIL_MODULE_NAME_LEN)
    }

    /// A string as the kernel side compares it: its bytes, NUL, zeroes up to `size`.
    static func paddedKey(_ string: String, size: Int) -> [UInt8] {
        var bytes = Array(string.utf8.prefix(size - 1))
        bytes += [UInt8](repeating: 0, count: size - bytes.count)
        return bytes
    }

    private static func copy<T>(_ string: String, into field: inout T) {
        withUnsafeMutableBytes(of: &field) { raw in
            let bytes = paddedKey(string, size: raw.count)
            raw.copyBytes(from: bytes)
        }
    }
}
