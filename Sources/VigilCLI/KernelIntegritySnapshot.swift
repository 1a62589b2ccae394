import VigilCore
import VigilLinux

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `vigil check --kernel-integrity`: a one-shot look at the running kernel with no
/// earlier baseline to compare against. It finds what is wrong on its face:
/// patch sites in states no legitimate patching leaves, system call table
/// entries that are not their system call, modules missing from one of the
/// views, CPUs whose entry MSRs do not point at the kernel's entry points or
/// whose CR4 lacks SMEP, SMAP or UMIP, and it lists every ftrace hook and kprobe
/// with its owner and what the CPU-state check covers on this machine.
struct KernelIntegritySnapshot {
    var root: SystemRoot

    struct Result: Encodable {
        var covered: [String]
        var bytes: Int
        var patchSites: [String: Int]
        var systemCalls: Int
        var gaps: [String]
        /// The CPUs' MSRs, CR4 and CR0.WP: covered or not, and how or why not.
        var cpuState: [CPUStateCoverage.Item]
        var findings: [KernelEventRecord]
        var tampered: Bool
    }

    func run() throws -> Result {
        let state = try HostKernelState(root: root)
        let validator = try KernelIntegrityValidator(source: state, policy: .default)
        var findings = validator.startFindings()
        let procModules = (try? state.procModules()) ?? []
        let views = HiddenModuleCheck.Views(
            list: procModules, procModules: procModules, sysfs: state.sysfsModules(),
            kallsyms: validator.symbols.modules, loadedSinceStart: []
        )
        findings += HiddenModuleCheck.hiddenModules(views).map { $0.finding(trigger: .demand) }
        for hook in state.ftraceHooks() ?? [] {
            let owners = hook.callbackModuleOwners
            findings.append(KernelIntegrityFinding(
                kind: .hookAdded, check: .ftraceHook, trigger: .demand, region: "ftrace", symbol: hook.name, module: owners.first,
                actual: hook.flags.contains(.modifiesIP) ? "modifies the instruction pointer" : nil,
                detail: owners.isEmpty ? "owned by core kernel code or BPF" : "owned by module " + owners.joined(separator: ", ")
            ))
        }
        for probe in state.kprobes() ?? [] {
            findings.append(KernelIntegrityFinding(
                kind: .hookAdded, check: .kprobe, trigger: .demand, region: "kprobes",
                symbol: probe.location, module: probe.module
            ))
        }
        let boot = 0 as UInt64
        let coverage = validator.coverage
        let cpuGaps = Set(coverage.cpuState.gaps)
        return Result(
            covered: coverage.regions + ["sys_call_table", "IDT"] + coverage.variables, bytes: coverage.bytesCovered,
            patchSites: coverage.patchSites, systemCalls: coverage.systemCalls, gaps: coverage.gaps.filter { !cpuGaps.contains($0) },
            cpuState: coverage.cpuState.items,
            findings: findings.map { KernelEventRecord($0, bootNanoseconds: boot, response: $0.isAlert ? "reported" : "none", includeKernelAddresses: false) },
            tampered: findings.contains(where: \.isAlert)
        )
    }

    static func render(_ result: Result) -> String {
        var lines = ["", "Kernel integrity (one-shot, no earlier baseline)"]
        lines.append("  covered: \(result.covered.joined(separator: ", ")); \(result.bytes) bytes, \(result.systemCalls) system calls")
        let sites = result.patchSites.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        lines.append("  runtime patch sites judged: \(sites)")
        for gap in result.gaps { lines.append("  not covered: \(gap)") }
        lines.append("  CPU state:")
        for item in result.cpuState { lines.append("    \(item.covered ? "covered" : "not covered"): \(item.item): \(item.detail)") }
        let alerts = result.findings.filter { $0.kind == .tampered }
        lines.append(alerts.isEmpty ? "  no tampering found" : "  TAMPERING FOUND: \(alerts.count)")
        for record in result.findings {
            var line = "  - \(record.summary)"
            if let expected = record.expected { line += "\n      expected: \(expected)" }
            if let actual = record.actual { line += "\n      actual:   \(actual)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
