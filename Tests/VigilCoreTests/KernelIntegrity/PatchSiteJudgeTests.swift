import Testing
@testable import VigilCore

extension KernelIntegrityTests {
    @Suite("patch site judge")
    struct PatchSiteJudgeTests {
        static let site: UInt64 = 0xffff_ffff_8100_1000
        static let target: UInt64 = site + 0x40
        static let function: UInt64 = 0xffff_ffff_8120_0000
        static let moduleFunction: UInt64 = 0xffff_ffff_c0a0_1000
        static let ftraceCaller: UInt64 = 0xffff_ffff_8110_0000
        static let ftraceTrampoline: UInt64 = 0xffff_ffff_c0c0_0000
        static let bpfTrampoline: UInt64 = 0xffff_ffff_c0d0_0000
        static let kprobeSlot: UInt64 = 0xffff_ffff_c0e0_0010

        static let resolver = FakeResolver(targets: [
            function: .functionStart(name: "do_work", module: nil),
            moduleFunction: .functionStart(name: "helper", module: "vigil_rootkit"),
            ftraceCaller: .ftraceEntryPoint,
            ftraceTrampoline: .ftraceTrampoline,
            bpfTrampoline: .bpfTrampoline,
            kprobeSlot: .kprobeSlot,
        ])

        static func judge(_ kind: PatchSite.Kind, length: Int = 5, _ bytes: [UInt8]) -> PatchSiteJudge.Verdict {
            PatchSiteJudge.judge(PatchSite(address: site, length: length, kind: kind), bytes: bytes[...], resolver: resolver)
        }

        static func isIllegitimate(_ verdict: PatchSiteJudge.Verdict) -> Bool {
            if case .illegitimate = verdict { return true }
            return false
        }

        // MARK: Jump labels

        @Test func twoByteJumpLabel() {
            let label = PatchSite.Kind.jumpLabel(target: Self.target)
            #expect(Self.judge(label, length: 2, X86Instruction.nop2) == .legitimate(state: "jump label off"))
            #expect(Self.judge(label, length: 2, Encode.jmp8(at: Self.site, to: Self.target)) == .legitimate(state: "jump label on"))
            #expect(Self.judge(label, length: 2, Encode.jmp8(at: Self.site, to: Self.target + 1))
                == .illegitimate(reason: "jump label holds neither its NOP nor a jump to its target"))
            #expect(Self.isIllegitimate(Self.judge(label, length: 2, [0x90, 0x90])))
        }

        @Test func twoByteJumpLabelWithATargetBehindIt() {
            let behind = Self.site - 0x30
            let label = PatchSite.Kind.jumpLabel(target: behind)
            #expect(Self.judge(label, length: 2, Encode.jmp8(at: Self.site, to: behind)) == .legitimate(state: "jump label on"))
        }

        @Test func fiveByteJumpLabel() {
            let label = PatchSite.Kind.jumpLabel(target: Self.target)
            #expect(Self.judge(label, X86Instruction.nop5) == .legitimate(state: "jump label off"))
            #expect(Self.judge(label, Encode.jmp(at: Self.site, to: Self.target)) == .legitimate(state: "jump label on"))
            #expect(Self.judge(label, Encode.jmp(at: Self.site, to: Self.function))
                == .illegitimate(reason: "jump label holds neither its NOP nor a jump to its target"))
            // A call to the right target is not what the kernel writes.
            #expect(Self.isIllegitimate(Self.judge(label, Encode.call(at: Self.site, to: Self.target))))
            // The 2-byte NOP in a 5-byte site is not its NOP.
            #expect(Self.isIllegitimate(Self.judge(label, X86Instruction.nop2 + [0x90, 0x90, 0x90])))
        }

        @Test func judgesOnlyTheSitesBytes() {
            // Bytes after the site are not the judge's business.
            let label = PatchSite.Kind.jumpLabel(target: Self.target)
            #expect(Self.judge(label, X86Instruction.nop5 + [0xDE, 0xAD]) == .legitimate(state: "jump label off"))
            #expect(Self.judge(label, length: 2, X86Instruction.nop2 + [0xCC, 0xCC, 0xCC]) == .legitimate(state: "jump label off"))
        }

        @Test func aTruncatedSiteIsIllegitimate() {
            #expect(Self.judge(.jumpLabel(target: Self.target), Array(X86Instruction.nop5.prefix(4))) == .illegitimate(reason: "site truncated"))
            #expect(Self.judge(.ftraceEntry, []) == .illegitimate(reason: "site truncated"))
        }

        // MARK: Static calls

        @Test func staticCallFixedStates() {
            #expect(Self.judge(.staticCall, X86Instruction.nop5) == .legitimate(state: "static call disabled"))
            #expect(Self.judge(.staticCall, X86Instruction.ret5) == .legitimate(state: "static call returns"))
            #expect(Self.judge(.staticCall, X86Instruction.xorEAX5) == .legitimate(state: "static call returns 0"))
        }

        @Test func staticCallToAFunctionStart() {
            #expect(Self.judge(.staticCall, Encode.call(at: Self.site, to: Self.function)) == .legitimate(state: "static call calls do_work"))
            #expect(Self.judge(.staticCall, Encode.jmp(at: Self.site, to: Self.function)) == .legitimate(state: "static call calls do_work"))
            #expect(Self.judge(.staticCall, Encode.call(at: Self.site, to: Self.moduleFunction))
                == .legitimate(state: "static call calls helper [vigil_rootkit]"))
            #expect(Self.judge(.staticCall, Encode.call(at: Self.site, to: Self.ftraceTrampoline))
                == .legitimate(state: "static call calls an ftrace trampoline"))
        }

        @Test func staticCallIntoTheMiddleOfAFunction() {
            #expect(Self.judge(.staticCall, Encode.call(at: Self.site, to: Self.function + 3))
                == .illegitimate(reason: "static call leads to code that is no function's start"))
            #expect(Self.judge(.staticCall, Encode.jmp(at: Self.site, to: Self.kprobeSlot))
                == .illegitimate(reason: "static call leads to code that is no function's start"))
            #expect(Self.judge(.staticCall, [0x48, 0x31, 0xC0, 0x90, 0x90])
                == .illegitimate(reason: "static call holds no call, jump, NOP or return"))
        }

        @Test func sixByteConditionalStaticCall() {
            #expect(Self.judge(.staticCall, length: 6, Encode.jcc(0x85, at: Self.site, to: Self.function))
                == .legitimate(state: "static call calls do_work"))
            #expect(Self.judge(.staticCall, length: 6, Encode.jcc(0x84, at: Self.site, to: Self.function + 8))
                == .illegitimate(reason: "static call leads to code that is no function's start"))
            // A NOP or an unconditional call in a 6-byte site is no conditional jump.
            #expect(Self.judge(.staticCall, length: 6, X86Instruction.nop5 + [0x90])
                == .illegitimate(reason: "conditional static call holds no conditional jump"))
            #expect(Self.judge(.staticCall, length: 6, Encode.call(at: Self.site, to: Self.function) + [0x90])
                == .illegitimate(reason: "conditional static call holds no conditional jump"))
        }

        @Test func staticCallTrampolineOnlyJumps() {
            #expect(Self.judge(.staticCallTrampoline, Encode.jmp(at: Self.site, to: Self.function)) == .legitimate(state: "static call calls do_work"))
            #expect(Self.judge(.staticCallTrampoline, X86Instruction.ret5) == .legitimate(state: "static call returns"))
            #expect(Self.judge(.staticCallTrampoline, X86Instruction.nop5) == .legitimate(state: "static call disabled"))
            #expect(Self.judge(.staticCallTrampoline, Encode.call(at: Self.site, to: Self.function))
                == .illegitimate(reason: "static call holds no call, jump, NOP or return"))
            #expect(Self.judge(.staticCallTrampoline, Encode.jmp(at: Self.site, to: Self.function + 1))
                == .illegitimate(reason: "static call leads to code that is no function's start"))
        }

        // MARK: ftrace

        @Test func ftraceEntryLegitimateStates() {
            #expect(Self.judge(.ftraceEntry, X86Instruction.nop5) == .legitimate(state: "not traced"))
            #expect(Self.judge(.ftraceEntry, Encode.call(at: Self.site, to: Self.ftraceCaller)) == .legitimate(state: "ftrace site calls ftrace"))
            #expect(Self.judge(.ftraceEntry, Encode.call(at: Self.site, to: Self.ftraceTrampoline))
                == .legitimate(state: "ftrace site calls an ftrace trampoline"))
            #expect(Self.judge(.ftraceEntry, Encode.call(at: Self.site, to: Self.bpfTrampoline))
                == .legitimate(state: "ftrace site calls a BPF trampoline"))
        }

        @Test func ftraceEntryCallingAnythingElse() {
            #expect(Self.judge(.ftraceEntry, Encode.call(at: Self.site, to: Self.function))
                == .illegitimate(reason: "ftrace site calls do_work, which is not ftrace"))
            #expect(Self.judge(.ftraceEntry, Encode.call(at: Self.site, to: Self.moduleFunction))
                == .illegitimate(reason: "ftrace site calls helper [vigil_rootkit], which is not ftrace"))
            #expect(Self.judge(.ftraceEntry, Encode.call(at: Self.site, to: Self.kprobeSlot))
                == .illegitimate(reason: "ftrace site leads to code that is no function's start"))
            #expect(Self.judge(.ftraceEntry, Encode.call(at: Self.site, to: 0xffff_ffff_dead_0000))
                == .illegitimate(reason: "ftrace site leads to code that is no function's start"))
        }

        @Test func ftraceEntryJumpIsAnInlineHook() {
            // Even a jump to ftrace itself: the kernel only ever writes a call there.
            #expect(Self.judge(.ftraceEntry, Encode.jmp(at: Self.site, to: Self.ftraceCaller))
                == .illegitimate(reason: "ftrace site holds neither its NOP nor a call"))
            #expect(Self.judge(.ftraceEntry, Encode.jmp(at: Self.site, to: Self.moduleFunction))
                == .illegitimate(reason: "ftrace site holds neither its NOP nor a call"))
            #expect(Self.judge(.ftraceEntry, X86Instruction.xorEAX5) == .illegitimate(reason: "ftrace site holds neither its NOP nor a call"))
        }

        @Test func ftraceCallerCallsAnyFunction() {
            #expect(Self.judge(.ftraceCaller, Encode.call(at: Self.site, to: Self.function)) == .legitimate(state: "ftrace callback calls do_work"))
            #expect(Self.judge(.ftraceCaller, Encode.call(at: Self.site, to: Self.moduleFunction))
                == .legitimate(state: "ftrace callback calls helper [vigil_rootkit]"))
            #expect(Self.judge(.ftraceCaller, Encode.jmp(at: Self.site, to: Self.function)) == .legitimate(state: "ftrace callback calls do_work"))
            #expect(Self.judge(.ftraceCaller, Encode.call(at: Self.site, to: Self.function + 0x20))
                == .illegitimate(reason: "ftrace callback leads to code that is no function's start"))
            #expect(Self.judge(.ftraceCaller, X86Instruction.nop5) == .illegitimate(reason: "ftrace caller holds neither a call nor a jump"))
        }

        // MARK: int3

        @Test(arguments: [
            (PatchSite.Kind.jumpLabel(target: 0xffff_ffff_8100_1040), 2),
            (PatchSite.Kind.jumpLabel(target: 0xffff_ffff_8100_1040), 5),
            (PatchSite.Kind.staticCall, 5),
            (PatchSite.Kind.staticCall, 6),
            (PatchSite.Kind.staticCallTrampoline, 5),
            (PatchSite.Kind.ftraceEntry, 5),
            (PatchSite.Kind.ftraceCaller, 5),
        ])
        func int3FirstByteIsInTransition(kind: PatchSite.Kind, length: Int) {
            // text_poke_bp(): int3 first, then the tail, then the first byte.
            let bytes = [X86Instruction.int3] + Array(repeating: UInt8(0x41), count: length - 1)
            #expect(Self.judge(kind, length: length, bytes) == .inTransition)
        }

        @Test func int3ElsewhereIsNoTransition() {
            #expect(Self.isIllegitimate(Self.judge(.ftraceEntry, [0x0F, 0xCC, 0x44, 0x00, 0x00])))
        }
    }
}
