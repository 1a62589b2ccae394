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

    @Test func theGuardRefusesThroughTheBPFLSMWhenActive() {
        let facts = functions(required: ["security_bprm_check": false], optional: ["call_usermodehelper_exec": true, "proc_sys_write": true])
        let assessment = GuardReadiness.assessGuardFunctions(facts, bpfLSMActive: true)
        #expect(assessment.status == .available)
        #expect(assessment.detail.hasPrefix("refuses through the BPF LSM"))
    }

    @Test func withoutTheBPFLSMTheGuardNeedsFmodRet() {
        let present = functions(required: ["security_bprm_check": true, "security_kernel_read_file": true], optional: ["call_usermodehelper_exec": true])
        #expect(GuardReadiness.assessGuardFunctions(present, bpfLSMActive: false).detail.hasPrefix("refuses through fmod_ret"))
        let missing = functions(required: ["security_bprm_check": false, "security_kernel_read_file": true], optional: [:])
        let assessment = GuardReadiness.assessGuardFunctions(missing, bpfLSMActive: false)
        #expect(assessment.status == .unavailable)
        #expect(assessment.disables == [.usermodeHelperGuard, .moduleGuard])
        #expect(assessment.detail.contains("security_bprm_check"))
    }

    @Test func aMissingHelperObserverDegradesTheGuard() {
        let facts = functions(required: ["security_bprm_check": true], optional: ["call_usermodehelper_exec": false, "proc_sys_write": true])
        let assessment = GuardReadiness.assessGuardFunctions(facts, bpfLSMActive: true)
        #expect(assessment.status == .degraded)
        #expect(assessment.detail == "refuses through the BPF LSM; missing call_usermodehelper_exec (vigil run says what each costs)")
    }
}
