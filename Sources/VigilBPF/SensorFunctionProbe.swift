import CLibBPF
import VigilCore
import VigilLinux

/// Looks up, in a kernel's BTF file, the functions the process-integrity
/// sensor attaches to. It parses a file; it loads nothing into the kernel.
public enum SensorFunctionProbe {
    /// BTF_KIND_FUNC in include/uapi/linux/btf.h (imported twice by Swift, hence spelled out).
    static let btfKindFunction: UInt32 = 12

    public static func observe(root: SystemRoot) -> Observation<SensorFunctionFacts> {
        observeFunctions(root: root, facts: processFunctions(present:))
    }

    /// The functions of the usermode-helper and module guard: the security_* functions its
    /// fmod_ret refusals need where the BPF LSM is not active are listed as required.
    public static func observeGuard(root: SystemRoot) -> Observation<SensorFunctionFacts> {
        observeFunctions(root: root) { present in
            var required: [String: Bool] = [:]
            var optional: [String: Bool] = [:]
            for refusal in GuardSensor.refusals {
                required[refusal.function] = present(refusal.function)
            }
            for program in GuardSensor.observers {
                guard case .tracing(let function) = program.attachment else { continue }
                optional[function] = present(function)
            }
            return SensorFunctionFacts(required: required, optional: optional)
        }
    }

    /// Parses the kernel's BTF below `root` and asks `facts` about its functions.
    private static func observeFunctions(
        root: SystemRoot, facts: ((String) -> Bool) -> SensorFunctionFacts
    ) -> Observation<SensorFunctionFacts> {
        let path = "/sys/kernel/btf/vmlinux"
        let real = root.resolve(path)
        guard KernelFileReader(root: .host).exists(real) else { return .missing(path) }
        LibBPF.captureLog()
        guard let btf = btf__parse(real, nil) else {
            return .malformed(path, "libbpf could not parse it (errno \(currentErrno()))")
        }
        defer { btf__free(btf) }
        return .present(facts { btf__find_by_name_kind(btf, $0, btfKindFunction) > 0 }, from: path)
    }

    private static func processFunctions(present: (String) -> Bool) -> SensorFunctionFacts {
        var required: [String: Bool] = [:]
        var optional: [String: Bool] = [:]
        for program in ProcessIntegritySensor.transitionPrograms + ProcessIntegritySensor.lifecyclePrograms {
            guard case .tracing(let function) = program.attachment, function != "sched_process_fork" else { continue }
            switch program.requirement {
            case .required: required[function] = present(function)
            case .optional: optional[function] = present(function)
            }
        }
        return SensorFunctionFacts(required: required, optional: optional)
    }
}
