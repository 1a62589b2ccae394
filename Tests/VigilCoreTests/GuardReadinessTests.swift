import Testing
@testable import VigilCore

@Suite("guard readiness")
struct GuardReadinessTests {
    func functions(required: [String: Bool], optional: [String: Bool]) -> Observation<SensorFunctionFacts> {
        .present(SensorFunctionFacts(required: required, optional: optional), from: "/sys/kernel/btf/vmlinux")
    }

    @Test func missingRequiredTransitionFunctionsDisableExploitDetection() {
        let assessment = GuardReadiness.assessSensorFunctions(functions(required: ["commit_creds": false, "switch_task_namespaces": true], optional: [:]))
        #expect(assessment.status == .unavailable)
        #expect(assessment.disables == [.exploitDetection, .blocking])
        #expect(assessment.detail.contains("commit_creds"))
    }

    @Test func missingOptionalFunctionsOnlyDegrade() {
        let assessment = GuardReadiness.assessSensorFunctions(functions(required: ["commit_creds": true], optional: ["override_creds": false, "revert_creds": false, "__x64_sys_prctl": true]))
        #expect(assessment.status == .degraded)
        #expect(assessment.detail == "2 of 4 present; missing override_creds, revert_creds (vigil run says what each costs)")
        #expect(assessment.disables.isEmpty)
    }

    @Test func unparsableBTFIsReportedNotFatal() {
        let assessment = GuardReadiness.assessSensorFunctions(.malformed("/sys/kernel/btf/vmlinux", "libbpf could not parse it (errno 22)"))
        #expect(assessment.status == .degraded)
        #expect(assessment.detail.hasPrefix("cannot tell from BTF"))
    }

    @Test func bpfLSMRemedyUsesTheKernelConfig() {
        let active = Observation<[String]>.present(["lockdown", "capability", "apparmor"], from: "/sys/kernel/security/lsm")
        let config = Observation<KernelConfigFacts>.present(KernelConfigFacts(options: ["CONFIG_BPF_LSM": "y"]), from: "/boot/config-6.1.0-56-amd64")
        let assessment = GuardReadiness.assessBPFLSM(active, config: config)
        #expect(assessment.status == .degraded)
        #expect(assessment.remedy == "The kernel has CONFIG_BPF_LSM=y: boot with lsm=lockdown,capability,apparmor,bpf on the kernel command line.")
    }
}
