import Testing
@testable import VigilCore

extension KernelIntegrityTests {
    /// What the kernel is expected to leave in the entry MSRs and CR4, from kallsyms, cpuinfo and the command line.
    @Suite("CPU state expectations")
    struct CPUStateExpectationTests {
        static let cpuinfo = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 25
            flags\t\t: fpu vme de pse tsc msr smep bmi2 smap umip rdpid

            processor\t: 1
            vendor_id\t: GenuineIntel
            flags\t\t: fpu fred

            """

        @Test func platformFromCpuinfoAndCommandLine() {
            let platform = ProcessorPlatform.parse(
                cpuinfo: Self.cpuinfo,
                commandLine: "BOOT_IMAGE=/vmlinuz root=/dev/vda nosmep clearcpuid=514 ia32_emulation=off -- nosmap single\n"
            )
            #expect(platform.vendor == "AuthenticAMD", "the first processor's")
            #expect(platform.isAMD && !platform.isIntel)
            #expect(platform.flags.contains("smap") && !platform.flags.contains("fred"))
            #expect(platform.parameters == ["BOOT_IMAGE=/vmlinuz", "root=/dev/vda", "nosmep", "clearcpuid=514", "ia32_emulation=off"])
            #expect(platform.disables(.smep))
            #expect(platform.disables(.umip), "clearcpuid by X86_FEATURE number")
            #expect(!platform.disables(.smap), "nosmap after -- is for init")
            #expect(platform.expectedControlRegister4 == .smap)
            #expect(platform.ia32Emulation == false)
            #expect(!platform.fredActive)
        }

        @Test(arguments: [("1", true), ("y", true), ("on", true), ("true", true), ("0", false), ("N", false), ("off", false), ("maybe", nil)] as [(String, Bool?)])
        func ia32EmulationReadsLikeKstrtobool(value: String, expected: Bool?) {
            #expect(ProcessorPlatform(vendor: "", flags: [], parameters: ["ia32_emulation=\(value)"]).ia32Emulation == expected)
        }

        @Test func fredIsActiveUnlessTurnedOff() {
            #expect(ProcessorPlatform(vendor: "GenuineIntel", flags: ["fred"], parameters: ["fred=on"]).fredActive)
            #expect(!ProcessorPlatform(vendor: "GenuineIntel", flags: ["fred"], parameters: ["fred=off"]).fredActive)
            #expect(!ProcessorPlatform.unknown.fredActive)
            #expect(ProcessorPlatform.unknown.expectedControlRegister4.isEmpty)
        }

        static let symbols: [String: UInt64] = [
            "entry_SYSCALL_64": 0xffff_ffff_8100_0080, "entry_SYSCALL_compat": 0xffff_ffff_8100_18f0,
            "entry_SYSENTER_compat": 0xffff_ffff_8100_1830, "entry_SYSCALL32_ignore": 0xffff_ffff_8100_1a00,
        ]
        static let amd = ProcessorPlatform(vendor: "AuthenticAMD", flags: [], parameters: [])

        static func expected(_ symbols: [String: UInt64] = symbols, platform: ProcessorPlatform = amd, ia32: Bool?) -> [ModelSpecificRegister: [String]] {
            let result = SystemCallEntryExpectation.expectations(address: { symbols[$0] }, platform: platform, ia32Emulation: ia32)
            return Dictionary(uniqueKeysWithValues: result.expectations.map { ($0.register, $0.entries.map(\.name)) })
        }

        @Test func entryPointsFollowIA32Emulation() {
            #expect(Self.expected(ia32: true) == [
                .lstar: ["entry_SYSCALL_64"], .cstar: ["entry_SYSCALL_compat"], .sysenterEIP: ["entry_SYSENTER_compat"],
            ])
            #expect(Self.expected(ia32: false) == [.lstar: ["entry_SYSCALL_64"], .cstar: ["entry_SYSCALL32_ignore"], .sysenterEIP: ["0"]])
            #expect(Self.expected(ia32: nil) == [
                .lstar: ["entry_SYSCALL_64"], .cstar: ["entry_SYSCALL_compat", "entry_SYSCALL32_ignore"],
                .sysenterEIP: ["entry_SYSENTER_compat", "0"],
            ])
            // A 6.1 kernel with IA32 emulation built in: no ignore entry, and no switch.
            let old = Self.symbols.filter { $0.key != "entry_SYSCALL32_ignore" }
            #expect(Self.expected(old, ia32: nil) == [
                .lstar: ["entry_SYSCALL_64"], .cstar: ["entry_SYSCALL_compat"], .sysenterEIP: ["entry_SYSENTER_compat"],
            ])
            // Built without IA32 emulation (before 6.7: ignore_sysret).
            let none: [String: UInt64] = ["entry_SYSCALL_64": 0xffff_ffff_8100_0080, "ignore_sysret": 0xffff_ffff_8100_1a00]
            #expect(Self.expected(none, ia32: nil) == [.lstar: ["entry_SYSCALL_64"], .cstar: ["ignore_sysret"], .sysenterEIP: ["0"]])
        }

        @Test func lowHalfOnlyOnAMD() throws {
            let amd = SystemCallEntryExpectation.expectations(address: { Self.symbols[$0] }, platform: Self.amd, ia32Emulation: true)
            let sysenter = try #require(amd.expectations.first { $0.register == .sysenterEIP })
            #expect(sysenter.accepts(0x8100_1830))
            #expect(sysenter.accepts(0xffff_ffff_8100_1830))
            #expect(!sysenter.accepts(0x8100_1831))
            let intel = SystemCallEntryExpectation.expectations(
                address: { Self.symbols[$0] }, platform: ProcessorPlatform(vendor: "GenuineIntel", flags: [], parameters: []), ia32Emulation: true
            )
            #expect(intel.expectations.first { $0.register == .sysenterEIP }?.accepts(0x8100_1830) == false)
            #expect(!intel.expectations.contains { $0.register == .cstar })
            #expect(intel.notes.map(\.item) == ["IA32_CSTAR"])
        }

        @Test func registersHaveTheirNumbers() {
            #expect(ModelSpecificRegister.star.number == 0xC000_0081)
            #expect(ModelSpecificRegister.lstar.number == 0xC000_0082)
            #expect(ModelSpecificRegister.cstar.number == 0xC000_0083)
            #expect(ModelSpecificRegister.sysenterCS.number == 0x174)
            #expect(ModelSpecificRegister.sysenterESP.number == 0x175)
            #expect(ModelSpecificRegister.sysenterEIP.number == 0x176)
            #expect(ModelSpecificRegister.allCases.count == 6)
            #expect(ControlRegister4.smep.rawValue == 1 << 20 && ControlRegister4.smap.rawValue == 1 << 21 && ControlRegister4.umip.rawValue == 1 << 11)
        }

        /// The pure validator on its own: a deviation per CPU and register, once.
        @Test func validatorOnItsOwn() {
            let start = [ProcessorState(cpu: 0, registers: [.star: 1], cr4Shadow: nil), ProcessorState(cpu: 1, registers: [.star: 1])]
            var validator = CPUStateValidator(baseline: start, expectations: [], platform: .unknown, watchedBits: [])
            var named = 0
            let describe = { (value: UInt64) -> (text: String, module: String?) in
                named += 1
                return ("0x" + String(value, radix: 16), nil)
            }
            #expect(validator.check(start, trigger: .timer, acceptChanges: false, describe: describe).isEmpty)
            let changed = [ProcessorState(cpu: 0, registers: [.star: 1]), ProcessorState(cpu: 1, registers: [.star: 2])]
            #expect(validator.check(changed, trigger: .timer, acceptChanges: false, describe: describe).map(\.region) == ["CPU 1 MSR IA32_STAR"])
            #expect(validator.check(changed, trigger: .timer, acceptChanges: false, describe: describe).isEmpty)
            #expect(named == 0, "segment registers are shown in hex, never named")
            // A register that cannot be read this time is not judged.
            #expect(validator.check([ProcessorState(cpu: 1)], trigger: .timer, acceptChanges: false, describe: describe).isEmpty)
        }
    }
}
