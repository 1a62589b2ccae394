import Testing
@testable import VigilCore

@Suite("usermode-helper and module-load policy")
struct UsermodeHelperPolicyTests {
    @Test func defaultsAreLKRGs() throws {
        let policy = try UsermodeHelperPolicy(umhValidate: 1, umhEnforce: 1)
        #expect(policy == .default)
        #expect(policy.validation == .allowlist)
        #expect(policy.enforcement == .prevent)
        #expect(policy.allowlist.contains("/sbin/modprobe"))
        #expect(policy.allowlist.contains("/usr/lib/systemd/systemd-coredump"))
        #expect(policy.allowlist.count >= 30)
    }

    @Test func extraPathsAreAddedOnce() throws {
        let policy = try UsermodeHelperPolicy(umhValidate: 2, umhEnforce: 0, extraPaths: ["/usr/local/sbin/helper", "/sbin/modprobe", "/usr/local/sbin/helper"])
        #expect(policy.validation == .blockAll)
        #expect(policy.enforcement == .log)
        #expect(policy.allowlist.filter { $0 == "/usr/local/sbin/helper" }.count == 1)
        #expect(policy.allowlist.filter { $0 == "/sbin/modprobe" }.count == 1)
    }

    @Test(arguments: [
        (3, 1, [String](), "umh_validate 3 is not allowed; use 0, 1 or 2"),
        (1, -1, [], "umh_enforce -1 is not allowed; use 0, 1 or 2"),
        (1, 1, ["relative/helper"], "umh_allow 'relative/helper' is not allowed; use an absolute path of at most 255 bytes without NUL or newline"),
        (1, 1, ["/" + String(repeating: "a", count: 255)], "umh_allow '/\(String(repeating: "a", count: 255))' is not allowed; use an absolute path of at most 255 bytes without NUL or newline"),
        (1, 1, ["/bin/x\ny"], "umh_allow '/bin/x\ny' is not allowed; use an absolute path of at most 255 bytes without NUL or newline"),
    ])
    func rejectsBadKnobsNamingThem(validate: Int, enforce: Int, paths: [String], message: String) {
        #expect(throws: PolicyError.self) { try UsermodeHelperPolicy(umhValidate: validate, umhEnforce: enforce, extraPaths: paths) }
        do {
            _ = try UsermodeHelperPolicy(umhValidate: validate, umhEnforce: enforce, extraPaths: paths)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func moduleNamesAreCanonicalised() throws {
        let policy = try ModuleLoadPolicy(blockModules: 0, allowedNames: ["nf-tables", "ext4"])
        #expect(!policy.blockModules)
        #expect(policy.allowedNames == ["nf_tables", "ext4"])
        #expect(try ModuleLoadPolicy(blockModules: 1, allowedNames: []).allowedNames == nil)
        #expect(try ModuleLoadPolicy(blockModules: 1, allowedNames: []).blockModules)
    }

    @Test(arguments: [
        (2, [String](), "block_modules 2 is not allowed; use 0 or 1"),
        (0, [""], "module_allow '' is not allowed; use a module name of letters, digits, '_' and '-', at most 55 bytes"),
        (0, ["evil.ko"], "module_allow 'evil.ko' is not allowed; use a module name of letters, digits, '_' and '-', at most 55 bytes"),
        (0, [String(repeating: "m", count: 56)], "module_allow '\(String(repeating: "m", count: 56))' is not allowed; use a module name of letters, digits, '_' and '-', at most 55 bytes"),
    ])
    func rejectsBadModulePolicy(block: Int, names: [String], message: String) {
        do {
            _ = try ModuleLoadPolicy(blockModules: block, allowedNames: names)
            Issue.record("must be rejected")
        } catch {
            #expect(error.description == message)
        }
    }
}

@Suite("usermode-helper and module-policy events")
struct GuardEventTests {
    static let tampered = UsermodeHelperEvent(
        stage: .call, verdict: .variableTampered, response: .prevented, pid: 321, uid: 1000, comm: "vigil-unknown",
        path: "/tmp/vigil-pwn", argv: ["/tmp/vigil-pwn", "-q", "--", "binfmt-ffff"], envp: ["HOME=/", "TERM=linux"],
        variable: .modprobePath, variableAtUse: "/tmp/vigil-pwn", variableExpected: "/sbin/modprobe", bootNanoseconds: 42
    )

    @Test func aTamperedVariableSaysBothValues() {
        let event = Self.tampered
        #expect(event.isAlert)
        #expect(event.reason == "modprobe_path holds '/tmp/vigil-pwn' but was last written through /proc/sys as '/sbin/modprobe'")
        #expect(event.summary.hasPrefix("DETECT: UMH: vigil-unknown[321] made the kernel run /tmp/vigil-pwn"))
        #expect(event.summary.hasSuffix("response: prevented"))
    }

    @Test func theCallRecordNamesTheCallerAndTheVariable() {
        let record = UsermodeHelperEventRecord(Self.tampered)
        #expect(record.type == "usermode-helper")
        #expect(record.kind == "call")
        #expect(record.alert)
        #expect(record.verdict == "variable-tampered")
        #expect(record.response == "prevented")
        #expect(record.trigger == .init(pid: 321, uid: 1000, comm: "vigil-unknown"))
        #expect(record.pid == nil)
        #expect(record.argv == ["/tmp/vigil-pwn", "-q", "--", "binfmt-ffff"])
        #expect(record.variable == "modprobe_path")
        #expect(record.variableExpected == "/sbin/modprobe")
    }

    @Test func theRefusalRecordNamesTheHelperTask() {
        var event = Self.tampered
        event.stage = .execRefused
        event.pid = 400
        let record = UsermodeHelperEventRecord(event)
        #expect(record.kind == "exec-refused")
        #expect(record.pid == 400)
        #expect(record.trigger == nil)
        #expect(record.argv == nil)
        #expect(event.summary.hasPrefix("BLOCK: UMH: exec of /tmp/vigil-pwn refused in helper task 400"))
    }

    @Test func anAllowedHelperIsNoAlert() {
        let event = UsermodeHelperEvent(stage: .call, verdict: .allowed, response: .none, pid: 9, uid: 0, comm: "mount", path: "/sbin/modprobe", variable: .modprobePath,
                                        variableAtUse: "/sbin/modprobe", variableExpected: "/sbin/modprobe")
        #expect(!event.isAlert)
        #expect(!UsermodeHelperEventRecord(event).alert)
        #expect(event.summary == "NOTICE: UMH: mount[9] made the kernel run /sbin/modprobe (runs from modprobe_path as written through /proc/sys)")
        let listed = UsermodeHelperEvent(stage: .call, verdict: .allowed, response: .none, pid: 9, uid: 0, comm: "kworker", path: "/sbin/request-key")
        #expect(listed.reason == "on the allowlist")
        #expect(UsermodeHelperEventRecord(listed).variable == nil)
    }

    @Test func aRefusedModuleLoadSaysWhy() {
        let event = ModulePolicyEvent(reason: .notAllowlisted, operation: .fromFile, pid: 55, uid: 0, comm: "insmod", name: "vigil_vuln",
                                      file: "vigil_vuln.ko", result: -1, bootNanoseconds: 7)
        #expect(event.summary == "BLOCK: Modules: finit_module of vigil_vuln by insmod[55] refused: the module's name is not on the allowlist")
        let record = ModulePolicyEventRecord(event)
        #expect(record.type == "module-policy")
        #expect(record.reason == "not-allowlisted")
        #expect(record.syscall == "finit_module")
        #expect(record.alert)
        #expect(record.response == "refused")
        let blocked = ModulePolicyEvent(reason: .blockModules, operation: .fromMemory, pid: 1, uid: 0, comm: "modprobe", name: nil, file: nil, result: -1, bootNanoseconds: 0)
        #expect(blocked.summary == "BLOCK: Modules: init_module of a module by modprobe[1] refused: block_modules=1 refuses every module load")
    }
}
