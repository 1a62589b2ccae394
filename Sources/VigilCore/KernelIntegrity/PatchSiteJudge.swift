/// Decides whether the bytes now at a patch site are one of the states the
/// kernel's own patching can leave there.
public enum PatchSiteJudge {
    public enum Verdict: Sendable, Equatable {
        /// A legitimate state; `state` says which (for evidence and counters).
        case legitimate(state: String)
        /// Half-way through the kernel's int3-based patching: look again shortly.
        case inTransition
        /// No legitimate patching leaves these bytes here.
        case illegitimate(reason: String)
    }

    public static func judge(_ site: PatchSite, bytes: ArraySlice<UInt8>, resolver: some PatchTargetResolver) -> Verdict {
        guard bytes.count >= site.length else { return .illegitimate(reason: "site truncated") }
        let bytes = bytes.prefix(site.length)
        if bytes.first == X86Instruction.int3, bytes.count > 1 {
            // text_poke_bp() writes int3 first and the opcode byte last.
            return .inTransition
        }
        switch site.kind {
        case .jumpLabel(let target):
            return judgeJumpLabel(bytes, at: site.address, target: target)
        case .staticCall:
            return judgeStaticCall(bytes, at: site.address, resolver: resolver, trampoline: false)
        case .staticCallTrampoline:
            return judgeStaticCall(bytes, at: site.address, resolver: resolver, trampoline: true)
        case .ftraceEntry:
            return judgeFtraceEntry(bytes, at: site.address, resolver: resolver)
        case .ftraceCaller:
            for opcode in [X86Instruction.callRel32, X86Instruction.jmpRel32] {
                if let target = X86Instruction.rel32Target(opcode: opcode, bytes: bytes, at: site.address) {
                    return describe(target, resolver: resolver, acceptsAnyFunction: true, what: "ftrace callback")
                }
            }
            return .illegitimate(reason: "ftrace caller holds neither a call nor a jump")
        }
    }

    private static func judgeJumpLabel(_ bytes: ArraySlice<UInt8>, at address: UInt64, target: UInt64) -> Verdict {
        if bytes.count == 2 {
            if Array(bytes) == X86Instruction.nop2 { return .legitimate(state: "jump label off") }
            if X86Instruction.rel8Target(bytes: bytes, at: address) == target { return .legitimate(state: "jump label on") }
            return .illegitimate(reason: "jump label holds neither its NOP nor a jump to its target")
        }
        if Array(bytes) == X86Instruction.nop5 { return .legitimate(state: "jump label off") }
        if X86Instruction.rel32Target(opcode: X86Instruction.jmpRel32, bytes: bytes, at: address) == target {
            return .legitimate(state: "jump label on")
        }
        return .illegitimate(reason: "jump label holds neither its NOP nor a jump to its target")
    }

    private static func judgeStaticCall(_ bytes: ArraySlice<UInt8>, at address: UInt64, resolver: some PatchTargetResolver, trampoline: Bool) -> Verdict {
        let whole = Array(bytes)
        if whole.count == 6 {
            guard let target = X86Instruction.jccRel32Target(bytes: bytes, at: address) else {
                return .illegitimate(reason: "conditional static call holds no conditional jump")
            }
            return describe(target, resolver: resolver, acceptsAnyFunction: true, what: "static call")
        }
        if whole == X86Instruction.nop5 { return .legitimate(state: "static call disabled") }
        if whole == X86Instruction.ret5 { return .legitimate(state: "static call returns") }
        if whole == X86Instruction.xorEAX5 { return .legitimate(state: "static call returns 0") }
        for opcode in trampoline ? [X86Instruction.jmpRel32] : [X86Instruction.callRel32, X86Instruction.jmpRel32] {
            if let target = X86Instruction.rel32Target(opcode: opcode, bytes: bytes, at: address) {
                return describe(target, resolver: resolver, acceptsAnyFunction: true, what: "static call")
            }
        }
        return .illegitimate(reason: "static call holds no call, jump, NOP or return")
    }

    private static func judgeFtraceEntry(_ bytes: ArraySlice<UInt8>, at address: UInt64, resolver: some PatchTargetResolver) -> Verdict {
        if Array(bytes) == X86Instruction.nop5 { return .legitimate(state: "not traced") }
        guard let target = X86Instruction.rel32Target(opcode: X86Instruction.callRel32, bytes: bytes, at: address) else {
            return .illegitimate(reason: "ftrace site holds neither its NOP nor a call")
        }
        return describe(target, resolver: resolver, acceptsAnyFunction: false, what: "ftrace site")
    }

    private static func describe(_ target: UInt64, resolver: some PatchTargetResolver, acceptsAnyFunction: Bool, what: String) -> Verdict {
        switch resolver.classify(target) {
        case .ftraceEntryPoint: return .legitimate(state: "\(what) calls ftrace")
        case .ftraceTrampoline: return .legitimate(state: "\(what) calls an ftrace trampoline")
        case .bpfTrampoline: return .legitimate(state: "\(what) calls a BPF trampoline")
        case .functionStart(let name, let module) where acceptsAnyFunction:
            return .legitimate(state: "\(what) calls \(name)" + (module.map { " [\($0)]" } ?? ""))
        case .functionStart(let name, let module):
            return .illegitimate(reason: "\(what) calls \(name)" + (module.map { " [\($0)]" } ?? "") + ", which is not ftrace")
        case .kprobeSlot, .unknown:
            return .illegitimate(reason: "\(what) leads to code that is no function's start")
        }
    }
}
