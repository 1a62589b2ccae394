/// Finds the patch sites of a text region from the kernel's own tables, read
/// once when the region's baseline is taken.
public enum PatchSiteCatalog {
    /// `struct jump_entry` with relative references (x86-64): s32 code, s32 target, long key.
    static let jumpEntrySize = 16
    /// `struct static_call_site`: s32 addr, s32 key.
    static let staticCallSiteSize = 8

    /// Jump labels from a `__jump_table` read at `tableAddress`. The site's size (2 or 5
    /// bytes) is told from what the baseline text holds there, as the kernel does.
    public static func jumpLabels(table: [UInt8], tableAddress: UInt64, text: TextImage) -> [PatchSite] {
        var sites: [PatchSite] = []
        var offset = 0
        while offset + jumpEntrySize <= table.count {
            let entry = tableAddress + UInt64(offset)
            let code = entry &+ signExtended(table, at: offset)
            let target = entry &+ 4 &+ signExtended(table, at: offset + 4)
            offset += jumpEntrySize
            guard text.contains(code, length: 2) else { continue }
            let first = text.bytes(at: code, count: 2)
            let short = first.first == X86Instruction.jmpRel8 || Array(first) == X86Instruction.nop2
            let length = short ? 2 : 5
            guard text.contains(code, length: length) else { continue }
            sites.append(PatchSite(address: code, length: length, kind: .jumpLabel(target: target)))
        }
        return sites
    }

    /// Inline static call sites from a `.static_call_sites` table read at `tableAddress`.
    public static func staticCallSites(table: [UInt8], tableAddress: UInt64, text: TextImage) -> [PatchSite] {
        var sites: [PatchSite] = []
        var offset = 0
        while offset + staticCallSiteSize <= table.count {
            let address = tableAddress + UInt64(offset) &+ signExtended(table, at: offset)
            offset += staticCallSiteSize
            guard text.contains(address, length: 5) else { continue }
            let head = text.bytes(at: address, count: 2)
            let conditional = head.count == 2 && head[head.startIndex] == 0x0F && head[head.startIndex + 1] & 0xF0 == 0x80
            let length = conditional ? 6 : 5
            guard text.contains(address, length: length) else { continue }
            sites.append(PatchSite(address: address, length: length, kind: .staticCall))
        }
        return sites
    }

    /// Static call trampolines: every `__SCT__…` function.
    public static func staticCallTrampolines(_ starts: [UInt64], text: TextImage) -> [PatchSite] {
        starts.filter { text.contains($0, length: 5) }.map { PatchSite(address: $0, length: 5, kind: .staticCallTrampoline) }
    }

    /// ftrace call sites: at a function's first byte, or right after its `endbr64`,
    /// wherever the baseline holds ftrace's NOP or a call that `isFtraceCall` accepts
    /// (a call to ftrace or a trampoline; other calls there are the function's own).
    public static func ftraceEntries(functionStarts: [UInt64], text: TextImage, isFtraceCall: (UInt64) -> Bool) -> [PatchSite] {
        var sites: [PatchSite] = []
        for start in functionStarts {
            for candidate in [start, start + 4] where text.contains(candidate, length: 5) {
                if candidate != start {
                    guard Array(text.bytes(at: start, count: 4)) == X86Instruction.endbr64 else { break }
                }
                let bytes = text.bytes(at: candidate, count: 5)
                let call = X86Instruction.rel32Target(opcode: X86Instruction.callRel32, bytes: bytes, at: candidate)
                if Array(bytes) == X86Instruction.nop5 || call.map(isFtraceCall) == true {
                    sites.append(PatchSite(address: candidate, length: 5, kind: .ftraceEntry))
                    break
                }
            }
        }
        return sites
    }

    /// The patched calls inside ftrace's caller (`ftrace_call`, `ftrace_regs_call`, `ftrace_graph_call`).
    public static func ftraceCallers(_ addresses: [UInt64], text: TextImage) -> [PatchSite] {
        addresses.filter { text.contains($0, length: 5) }.map { PatchSite(address: $0, length: 5, kind: .ftraceCaller) }
    }

    /// Sorts and removes duplicates (a function's ftrace site can also be a static call
    /// trampoline's address): the first kind listed wins.
    public static func merge(_ groups: [[PatchSite]]) -> [PatchSite] {
        var seen = Set<UInt64>()
        var merged: [PatchSite] = []
        for group in groups {
            for site in group where seen.insert(site.address).inserted {
                merged.append(site)
            }
        }
        return merged.sorted { $0.address < $1.address }
    }

    private static func signExtended(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var value: UInt32 = 0
        for index in 0..<4 {
            value |= UInt32(bytes[offset + index]) << (8 * UInt32(index))
        }
        return UInt64(bitPattern: Int64(Int32(bitPattern: value)))
    }
}
