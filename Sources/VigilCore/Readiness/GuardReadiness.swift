/// Turns observed kernel facts into per-facility verdicts: what Vigil can
/// protect on this kernel and what each missing piece disables.
public struct GuardReadiness: Sendable, Codable, Equatable {
    /// The oldest kernel with everything the sensors rely on (BPF LSM and the
    /// BPF ring buffer arrived in 5.7 and 5.8).
    public static let minimumKernel = (major: 5, minor: 8)

    public var assessments: [FacilityAssessment]

    /// The worst status among all facilities.
    public var overall: FacilityAssessment.Status {
        assessments.map(\.status).max() ?? .available
    }

    /// Every feature disabled by at least one facility, in declaration order.
    public var disabledFeatures: [GuardFeature] {
        let disabled = Set(assessments.flatMap(\.disables))
        return GuardFeature.allCases.filter(disabled.contains)
    }

    public init(assessments: [FacilityAssessment]) {
        self.assessments = assessments
    }

    public init(facts: KernelFacts) {
        assessments = [
            Self.assessRelease(facts),
            Self.assessKallsyms(facts.kallsyms),
            Self.assessKcore(facts.kcore),
            Self.assessBTF(facts.btf),
            Self.assessBPF(facts.bpf),
            Self.assessBPFLSM(facts.securityModules, config: facts.config),
            Self.assessLockdown(facts.lockdown),
            Self.assessModules(facts.modules),
            Self.assessTracefs(facts.tracefs),
        ]
        if let functions = facts.sensorFunctions {
            assessments.append(Self.assessSensorFunctions(functions))
        }
        if let functions = facts.guardFunctions {
            assessments.append(Self.assessGuardFunctions(functions, bpfLSMActive: facts.securityModules.value?.contains("bpf") == true))
        }
    }

    static func assessRelease(_ facts: KernelFacts) -> FacilityAssessment {
        let title = "Kernel release"
        guard facts.architecture == "x86_64" else {
            return FacilityAssessment(
                facility: "kernel", title: title, status: .unavailable,
                detail: "architecture \(facts.architecture); Vigil supports x86_64 only",
                disables: GuardFeature.allCases
            )
        }
        guard let release = facts.release.value else {
            return FacilityAssessment(
                facility: "kernel", title: title, status: .degraded,
                detail: facts.release.problem ?? "release unknown"
            )
        }
        guard release.isAtLeast(minimumKernel.major, minimumKernel.minor) else {
            return FacilityAssessment(
                facility: "kernel", title: title, status: .unavailable,
                detail: "\(release) (x86_64) is older than \(minimumKernel.major).\(minimumKernel.minor)",
                disables: [.exploitDetection, .blocking, .usermodeHelperGuard],
                remedy: "Run a kernel of \(minimumKernel.major).\(minimumKernel.minor) or later (Debian 12 ships 6.1)."
            )
        }
        return FacilityAssessment(facility: "kernel", title: title, status: .available, detail: "\(release) (x86_64)")
    }

    static func assessKallsyms(_ observation: Observation<KallsymsFacts>) -> FacilityAssessment {
        let title = "Kernel symbol addresses"
        let disables: [GuardFeature] = [.symbolResolution, .kernelIntegrity]
        guard let facts = observation.value else {
            return FacilityAssessment(
                facility: "kallsyms", title: title, status: .unavailable,
                detail: observation.problem ?? "/proc/kallsyms not readable", disables: disables,
                remedy: "Build the kernel with CONFIG_KALLSYMS=y."
            )
        }
        let restrict = facts.kptrRestrict.map { " (kptr_restrict=\($0))" } ?? ""
        guard facts.addressesVisible else {
            return FacilityAssessment(
                facility: "kallsyms", title: title, status: .unavailable,
                detail: "/proc/kallsyms hides addresses\(restrict)", disables: disables,
                remedy: "Set kernel.kptr_restrict to 0 or 1 (root with CAP_SYSLOG sees addresses at 1)."
            )
        }
        return FacilityAssessment(facility: "kallsyms", title: title, status: .available, detail: "visible in /proc/kallsyms\(restrict)")
    }

    static func assessKcore(_ observation: Observation<KcoreFacts>) -> FacilityAssessment {
        let title = "Kernel memory (/proc/kcore)"
        guard let facts = observation.value else {
            // vigil run then reads kernel memory through its own BPF program (slower); under
            // lockdown=confidentiality that is refused too, which the lockdown assessment says.
            return FacilityAssessment(
                facility: "kcore", title: title, status: .degraded,
                detail: (observation.problem ?? "/proc/kcore not readable")
                    + "; vigil run reads kernel memory through BPF instead, vigil check --kernel-integrity cannot look",
                remedy: observation.status == .missing ? "Build the kernel with CONFIG_PROC_KCORE=y." : "Run as root with lockdown below 'confidentiality'."
            )
        }
        return FacilityAssessment(facility: "kcore", title: title, status: .available, detail: "ELF core with \(facts.loadSegments) load segments")
    }

    static func assessBTF(_ observation: Observation<BTFFacts>) -> FacilityAssessment {
        let title = "BTF type information"
        guard let facts = observation.value else {
            return FacilityAssessment(
                facility: "btf", title: title, status: .unavailable,
                detail: observation.problem ?? "/sys/kernel/btf/vmlinux not readable",
                disables: [.exploitDetection, .blocking, .usermodeHelperGuard],
                remedy: "Run a kernel built with CONFIG_DEBUG_INFO_BTF=y (Debian's are)."
            )
        }
        return FacilityAssessment(facility: "btf", title: title, status: .available, detail: "\(observation.source), \(formatBytes(facts.sizeBytes))")
    }

    static func assessBPF(_ observation: Observation<BPFSyscallFacts>) -> FacilityAssessment {
        let title = "BPF system call"
        guard let facts = observation.value else {
            return FacilityAssessment(
                facility: "bpf", title: title, status: .unavailable,
                detail: observation.problem ?? "no BPF support",
                disables: [.exploitDetection, .blocking, .usermodeHelperGuard],
                remedy: "Run a kernel built with CONFIG_BPF_SYSCALL=y."
            )
        }
        let unprivileged = facts.unprivilegedBPFDisabled == 0 ? "unprivileged BPF allowed" : "unprivileged BPF disabled"
        return FacilityAssessment(facility: "bpf", title: title, status: .available, detail: "present (\(unprivileged))")
    }

    static func assessBPFLSM(_ observation: Observation<[String]>, config: Observation<KernelConfigFacts>) -> FacilityAssessment {
        let title = "BPF LSM"
        guard let active = observation.value else {
            return FacilityAssessment(
                facility: "bpf-lsm", title: title, status: .degraded,
                detail: observation.problem ?? "active security modules unknown", disables: [.blocking],
                remedy: "Mount securityfs: mount -t securityfs securityfs /sys/kernel/security"
            )
        }
        let list = active.joined(separator: ",")
        if active.contains("bpf") {
            return FacilityAssessment(facility: "bpf-lsm", title: title, status: .available, detail: "active (\(list))")
        }
        var remedy = "Rebuild the kernel with CONFIG_BPF_LSM=y and add bpf to CONFIG_LSM."
        if config.value?.isEnabled("CONFIG_BPF_LSM") == true {
            remedy = "The kernel has CONFIG_BPF_LSM=y: boot with lsm=\(list),bpf on the kernel command line."
        }
        return FacilityAssessment(
            facility: "bpf-lsm", title: title, status: .degraded,
            detail: "not among the active modules (\(list)); detections kill but cannot block",
            disables: [.blocking], remedy: remedy
        )
    }

    static func assessLockdown(_ observation: Observation<LockdownMode>) -> FacilityAssessment {
        let title = "Kernel lockdown"
        guard let mode = observation.value else {
            return FacilityAssessment(
                facility: "lockdown", title: title, status: .available,
                detail: observation.status == .missing ? "lockdown LSM not present (no restrictions)" : (observation.problem ?? "unknown")
            )
        }
        switch mode {
        case .none, .integrity:
            return FacilityAssessment(facility: "lockdown", title: title, status: .available, detail: mode.rawValue)
        case .confidentiality:
            return FacilityAssessment(
                facility: "lockdown", title: title, status: .unavailable,
                detail: "confidentiality: /proc/kcore and BPF reads of kernel memory are refused",
                disables: [.kernelIntegrity, .exploitDetection, .blocking],
                remedy: "Boot with lockdown=integrity (or none); confidentiality forbids reading kernel memory."
            )
        }
    }

    static func assessModules(_ observation: Observation<ModuleFacts>) -> FacilityAssessment {
        let title = "Loadable modules"
        guard let facts = observation.value else {
            if observation.status == .missing {
                return FacilityAssessment(facility: "modules", title: title, status: .available, detail: "kernel built without module support (nothing to guard)")
            }
            return FacilityAssessment(
                facility: "modules", title: title, status: .degraded,
                detail: observation.problem ?? "/proc/modules unreadable", disables: [.moduleGuard]
            )
        }
        let disabled = facts.modulesDisabled == true ? ", further loading disabled (modules_disabled=1)" : ""
        return FacilityAssessment(facility: "modules", title: title, status: .available, detail: "\(facts.loaded.count) loaded\(disabled)")
    }

    static func assessSensorFunctions(_ observation: Observation<SensorFunctionFacts>) -> FacilityAssessment {
        let title = "Process-integrity hooks"
        guard let facts = observation.value else {
            return FacilityAssessment(
                facility: "sensor-functions", title: title, status: .degraded,
                detail: "cannot tell from BTF: \(observation.problem ?? "unreadable")"
            )
        }
        let missingRequired = facts.required.filter { !$0.value }.keys.sorted()
        let missingOptional = facts.optional.filter { !$0.value }.keys.sorted()
        if !missingRequired.isEmpty {
            return FacilityAssessment(
                facility: "sensor-functions", title: title, status: .unavailable,
                detail: "not in this kernel's BTF: \(missingRequired.joined(separator: ", "))",
                disables: [.exploitDetection, .blocking]
            )
        }
        if !missingOptional.isEmpty {
            return FacilityAssessment(
                facility: "sensor-functions", title: title, status: .degraded,
                detail: "\(facts.required.count + facts.optional.count - missingOptional.count) of \(facts.required.count + facts.optional.count) present; missing \(missingOptional.joined(separator: ", ")) (vigil run says what each costs)"
            )
        }
        return FacilityAssessment(
            facility: "sensor-functions", title: title, status: .available,
            detail: "all \(facts.required.count + facts.optional.count) transition functions present"
        )
    }

    /// The usermode-helper and module guard: it refuses through the BPF LSM, or through fmod_ret on
    /// the security_* functions when the BPF LSM is not active.
    static func assessGuardFunctions(_ observation: Observation<SensorFunctionFacts>, bpfLSMActive: Bool) -> FacilityAssessment {
        let title = "Usermode-helper and module guard"
        guard let facts = observation.value else {
            return FacilityAssessment(
                facility: "guard-functions", title: title, status: .degraded,
                detail: "cannot tell from BTF: \(observation.problem ?? "unreadable")"
            )
        }
        let missingRefusals = facts.required.filter { !$0.value }.keys.sorted()
        let route: String
        if bpfLSMActive {
            route = "refuses through the BPF LSM"
        } else if missingRefusals.isEmpty {
            route = "refuses through fmod_ret on the security_* functions (the BPF LSM is not active)"
        } else {
            return FacilityAssessment(
                facility: "guard-functions", title: title, status: .unavailable,
                detail: "the BPF LSM is not active and \(missingRefusals.joined(separator: ", ")) cannot take fmod_ret",
                disables: [.usermodeHelperGuard, .moduleGuard],
                remedy: "Boot with bpf in the lsm= list."
            )
        }
        let missingObservers = facts.optional.filter { !$0.value }.keys.sorted()
        if !missingObservers.isEmpty {
            return FacilityAssessment(
                facility: "guard-functions", title: title, status: .degraded,
                detail: "\(route); missing \(missingObservers.joined(separator: ", ")) (vigil run says what each costs)"
            )
        }
        return FacilityAssessment(
            facility: "guard-functions", title: title, status: .available,
            detail: "\(route); helper calls and /proc/sys writes to modprobe_path and core_pattern observed"
        )
    }

    static func assessTracefs(_ observation: Observation<TracefsFacts>) -> FacilityAssessment {
        let title = "tracefs"
        guard let facts = observation.value else {
            return FacilityAssessment(
                facility: "tracefs", title: title, status: .degraded,
                detail: observation.problem ?? "not mounted", disables: [.hookInventory],
                remedy: "mount -t tracefs nodev /sys/kernel/tracing"
            )
        }
        return FacilityAssessment(facility: "tracefs", title: title, status: .available, detail: "mounted at \(facts.mountPoint)")
    }
}

/// `5.2 MiB`, `812 KiB`, `96 B`.
public func formatBytes(_ count: Int) -> String {
    if count >= 1 << 20 {
        let tenths = (count * 10) >> 20
        return "\(tenths / 10).\(tenths % 10) MiB"
    }
    if count >= 1 << 10 { return "\(count >> 10) KiB" }
    return "\(count) B"
}
