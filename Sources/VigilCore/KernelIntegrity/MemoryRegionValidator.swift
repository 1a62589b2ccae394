/// Compares a region with its baseline and judges every difference.
public enum MemoryRegionValidator {
    /// Evidence shown in findings is clipped to this many bytes (changes keep them all).
    public static let evidenceLimit = 32

    /// - Parameters:
    ///   - kprobes: addresses of registered kprobes (an int3 there, or an optimized
    ///     kprobe's jump, is legitimate); nil when they cannot be listed.
    public static func compare(
        _ baseline: MemoryRegionBaseline, current: [UInt8], resolver: some PatchTargetResolver, kprobes: Set<UInt64>? = nil
    ) -> [TextChange] {
        let currentImage = TextImage(base: baseline.base, bytes: current)
        return ByteDifference.ranges(baseline.image.bytes, current).map { range in
            let address = baseline.base + UInt64(range.lowerBound)
            let expected = Array(baseline.image.bytes[range.clamped(to: 0..<baseline.image.bytes.count)])
            let actual = Array(current[range.clamped(to: 0..<current.count)])
            let verdict = judge(range, baseline: baseline, current: currentImage, resolver: resolver, kprobes: kprobes)
            return TextChange(address: address, expected: expected, actual: actual, verdict: verdict)
        }
    }

    static func judge(
        _ range: Range<Int>, baseline: MemoryRegionBaseline, current: TextImage, resolver: some PatchTargetResolver, kprobes: Set<UInt64>?
    ) -> TextChange.Verdict {
        var states: [String] = []
        var judgedSites = Set<UInt64>()
        var transition = false
        var offset = range.lowerBound
        while offset < range.upperBound {
            defer { offset += 1 }
            guard offset < baseline.image.bytes.count, offset < current.bytes.count else {
                return .tampered(reason: "the region changed size")
            }
            if baseline.image.bytes[offset] == current.bytes[offset] { continue }
            let address = baseline.base + UInt64(offset)
            if let site = baseline.site(containing: address) {
                guard judgedSites.insert(site.address).inserted else { continue }
                switch PatchSiteJudge.judge(site, bytes: current.bytes(at: site.address, count: site.length), resolver: resolver) {
                case .legitimate(let state): states.append(state)
                case .inTransition: transition = true
                case .illegitimate(let reason): return .tampered(reason: "\(site.label): \(reason)")
                }
                continue
            }
            if let state = kprobeState(at: address, current: current, resolver: resolver, kprobes: kprobes ?? []) {
                if judgedSites.insert(address).inserted { states.append(state) }
                // An optimized kprobe's jump covers the next four bytes too.
                if state == "optimized kprobe" { offset += 4 }
                continue
            }
            if current.bytes[offset] == X86Instruction.int3, kprobes == nil {
                return .tampered(reason: "int3 outside any patch site (a kprobe, if registered, could not be listed)")
            }
            return .tampered(reason: "outside any patch site")
        }
        if transition { return .inTransition }
        return .legitimate(states: states)
    }

    private static func kprobeState(at address: UInt64, current: TextImage, resolver: some PatchTargetResolver, kprobes: Set<UInt64>) -> String? {
        guard kprobes.contains(address) else { return nil }
        let bytes = current.bytes(at: address, count: 5)
        if bytes.first == X86Instruction.int3 { return "kprobe" }
        if let target = X86Instruction.rel32Target(opcode: X86Instruction.jmpRel32, bytes: bytes, at: address),
           resolver.classify(target) == .kprobeSlot {
            return "optimized kprobe"
        }
        return nil
    }
}
