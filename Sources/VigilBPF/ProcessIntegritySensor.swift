import CVigilABI
import VigilCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Process integrity ("pint"): a shadow of every task's security state, moved
/// only by legitimate transitions and checked wherever a forged privilege
/// would be used. Programs and maps load and unload together.
public final class ProcessIntegritySensor: @unchecked Sendable {
    static let lifecyclePrograms = [
        SensorProgram("vigil_task_forked", .tracing(function: "sched_process_fork")),
        SensorProgram("vigil_seed_tasks", .iterator),
        SensorProgram("vigil_sweep_tasks", .iterator),
    ]

    static let transitionPrograms = [
        SensorProgram("vigil_commit_creds", .tracing(function: "commit_creds")),
        SensorProgram("vigil_switch_namespaces", .tracing(function: "switch_task_namespaces")),
        SensorProgram("vigil_override_creds", .tracing(function: "override_creds"),
                      .optional(consequence: "the subjective cred pointer is not checked")),
        SensorProgram("vigil_revert_creds", .tracing(function: "revert_creds"),
                      .optional(consequence: "the subjective cred pointer is not checked")),
        SensorProgram("vigil_kernel_execve_enter", .tracing(function: "kernel_execve"),
                      .optional(consequence: "programs the kernel executes itself (usermode helpers) are reported as illegal commits")),
        SensorProgram("vigil_kernel_execve_leave", .tracing(function: "kernel_execve"),
                      .optional(consequence: "programs the kernel executes itself (usermode helpers) are reported as illegal commits")),
        SensorProgram("vigil_keyring_window_enter", .tracing(function: "key_change_session_keyring"),
                      .optional(consequence: "KEYCTL_SESSION_TO_PARENT is reported as an illegal commit")),
        SensorProgram("vigil_keyring_window_leave", .tracing(function: "key_change_session_keyring"),
                      .optional(consequence: "KEYCTL_SESSION_TO_PARENT is reported as an illegal commit")),
        SensorProgram("vigil_setprocattr_window_enter", .tracing(function: "security_setprocattr"),
                      .optional(consequence: "writes to /proc/self/attr are reported as illegal commits")),
        SensorProgram("vigil_setprocattr_window_leave", .tracing(function: "security_setprocattr"),
                      .optional(consequence: "writes to /proc/self/attr are reported as illegal commits")),
        SensorProgram("vigil_prctl_return", .tracing(function: "__x64_sys_prctl"),
                      .optional(consequence: "seccomp and no_new_privs set by prctl are learnt only at the next hook")),
        SensorProgram("vigil_seccomp_return", .tracing(function: "__x64_sys_seccomp"),
                      .optional(consequence: "seccomp filters are learnt only at the next hook")),
        SensorProgram("vigil_prctl_return_ia32", .tracing(function: "__ia32_sys_prctl"),
                      .optional(consequence: "32-bit prctl seccomp changes are learnt only at the next hook")),
        SensorProgram("vigil_seccomp_return_ia32", .tracing(function: "__ia32_sys_seccomp"),
                      .optional(consequence: "32-bit seccomp filters are learnt only at the next hook")),
    ]

    static let validationHooks = [
        "file_open", "inode_setattr", "inode_create", "inode_unlink", "inode_rename", "bprm_check_security",
        "task_kill", "ptrace_access_check", "capable", "socket_create", "socket_bind", "socket_connect",
        "kernel_read_file", "kernel_load_data", "task_alloc", "task_fix_setuid", "task_fix_setgid", "task_prctl",
        "sb_mount",
    ]

    static var validationPrograms: [SensorProgram] {
        validationHooks.map { SensorProgram("vigil_lsm_\($0)", .lsm(hook: $0)) }
    }

    /// fentry on the security_* function behind each LSM hook: loaded only when
    /// the BPF LSM is not active, and able to kill but not to refuse.
    static var fallbackPrograms: [SensorProgram] {
        SensorHook.allCases.compactMap(\.fallbackFunction).map {
            SensorProgram("vigil_fentry_\($0)", .fallback(function: $0),
                          .optional(consequence: "violations at this hook are found only by the sweep"))
        }
    }

    /// What the sensor could do on this kernel once started.
    public struct Coverage: Sendable, Equatable {
        public var attached: [String]
        /// Programs left out, with what that costs.
        public var skipped: [(program: String, consequence: String)]
        /// False when the BPF LSM is not active: violations kill but cannot refuse the operation.
        public var canBlock: Bool
        public var tracksOverrides: Bool
        public var tasksSeeded: UInt64
        public var loadSeconds: Double
        public var attachSeconds: Double

        public static func == (lhs: Coverage, rhs: Coverage) -> Bool {
            lhs.attached == rhs.attached && lhs.skipped.map(\.program) == rhs.skipped.map(\.program)
                && lhs.canBlock == rhs.canBlock && lhs.tracksOverrides == rhs.tracksOverrides
        }
    }

    private let object: BPFObject
    public private(set) var coverage: Coverage
    public private(set) var policy: ProcessIntegrityPolicy

    /// Loads the programs this kernel can take and attaches them in an order
    /// that leaves no gap: transitions first (shadows start moving), then the
    /// seed of existing tasks, then the validating hooks, and the policy last.
    public init(policy: ProcessIntegrityPolicy, bpfLSMActive: Bool, hasKernelFunction: (String) -> Bool = kernelHasFunction) throws(BPFError) {
        guard let bytes = Base64.decode(EmbeddedBPFObject.base64), bytes.count == EmbeddedBPFObject.byteCount else {
            throw BPFError(operation: "decode the embedded BPF object", errno: EINVAL)
        }
        let object = try BPFObject(bytes: bytes, name: "vigil")
        var skipped: [(String, String)] = []
        var selected: [SensorProgram] = Self.lifecyclePrograms
        for program in Self.transitionPrograms {
            guard case .tracing(let function) = program.attachment else { continue }
            if hasKernelFunction(function) {
                selected.append(program)
            } else if case .optional(let consequence) = program.requirement {
                try object.setAutoload(program.name, false)
                skipped.append((program.name, "\(function) is not in this kernel: \(consequence)"))
            } else {
                throw BPFError(operation: "find kernel function \(function) for \(program.name)", errno: ENOENT)
            }
        }
        if bpfLSMActive {
            selected += Self.validationPrograms
            for program in Self.fallbackPrograms {
                try object.setAutoload(program.name, false)
            }
        } else {
            for program in Self.validationPrograms {
                try object.setAutoload(program.name, false)
            }
            skipped.append(("vigil_lsm_*", "the BPF LSM is not active: violations are killed by fentry fallbacks, not refused"))
            for program in Self.fallbackPrograms {
                guard case .fallback(let function) = program.attachment else { continue }
                if hasKernelFunction(function) {
                    selected.append(program)
                } else {
                    try object.setAutoload(program.name, false)
                    skipped.append((program.name, "\(function) is not in this kernel: violations at this hook are found only by the sweep"))
                }
            }
        }

        let loadStart = MonotonicClock.now()
        try object.load()
        let loadSeconds = MonotonicClock.seconds(since: loadStart)
        let attachStart = MonotonicClock.now()
        for program in selected where program.attachment != .iterator && !program.validates {
            try object.attach(program.name)
        }
        try object.attachIterator("vigil_seed_tasks")
        try object.attachIterator("vigil_sweep_tasks")
        try object.runIterator("vigil_seed_tasks")
        for program in selected where program.validates {
            try object.attach(program.name)
        }
        let tracksOverrides = object.isAttached("vigil_override_creds") && object.isAttached("vigil_revert_creds")
        self.object = object
        self.policy = policy
        self.coverage = Coverage(
            attached: selected.map(\.name), skipped: skipped, canBlock: bpfLSMActive, tracksOverrides: tracksOverrides,
            tasksSeeded: 0, loadSeconds: loadSeconds, attachSeconds: MonotonicClock.seconds(since: attachStart)
        )
        try apply(policy)
        coverage.tasksSeeded = (try? counter(VIGIL_COUNTER_TASKS_SEEDED)) ?? 0
    }

    /// Changes pint_validate / pint_enforce at once; the next hook sees the new values.
    public func apply(_ policy: ProcessIntegrityPolicy) throws(BPFError) {
        var raw = vigil_policy()
        raw.pint_validate = policy.validation.rawValue
        raw.pint_enforce = policy.enforcement.rawValue
        raw.flags = coverage.tracksOverrides ? UInt32(VIGIL_POLICY_TRACKS_OVERRIDES.rawValue) : 0
        try BPFMap.update(descriptor: try object.mapDescriptor("vigil_policy_map"), key: 0, value: raw)
        self.policy = policy
    }

    /// Runs the sweep over every task; candidates arrive on the event ring.
    public func sweep() throws(BPFError) {
        try object.runIterator("vigil_sweep_tasks")
    }

    /// A reader of the event ring; each record is passed to `handle` as raw bytes.
    public func makeEventReader(handle: @escaping ([UInt8]) -> Void) throws(BPFError) -> RingBufferReader {
        try RingBufferReader(mapDescriptor: try object.mapDescriptor("vigil_event_ring"), handle: handle)
    }

    /// The sensor's counters, by name.
    public func counters() throws(BPFError) -> [String: UInt64] {
        let names: [(String, vigil_counter)] = [
            ("validations", VIGIL_COUNTER_VALIDATIONS), ("violations", VIGIL_COUNTER_VIOLATIONS),
            ("events_dropped", VIGIL_COUNTER_EVENTS_DROPPED), ("shadows_adopted", VIGIL_COUNTER_SHADOWS_ADOPTED),
            ("legit_commits", VIGIL_COUNTER_LEGIT_COMMITS), ("illegal_transitions", VIGIL_COUNTER_ILLEGAL_TRANSITIONS),
            ("tasks_seeded", VIGIL_COUNTER_TASKS_SEEDED), ("tasks_swept", VIGIL_COUNTER_SWEPT),
        ]
        var result: [String: UInt64] = [:]
        for (name, counter) in names {
            result[name] = try self.counter(counter)
        }
        return result
    }

    private func counter(_ counter: vigil_counter) throws(BPFError) -> UInt64 {
        try BPFMap.perCPUSum(descriptor: try object.mapDescriptor("vigil_counter_map"), key: counter.rawValue)
    }
}
