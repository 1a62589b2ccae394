import Logging
import VigilBPF
import VigilCore
import VigilLinux

/// Kernel integrity in `vigil run`: takes the baseline, then validates on the
/// timer, at once after module loads and unloads and hook changes, and on
/// SIGUSR1; reports findings and applies kint_enforce.
final class KernelIntegrityGuard {
    private(set) var policy: KernelIntegrityPolicy
    let output: EventPrinter
    let logger: Logger
    /// How often the hooks inventory is polled for changes between validations.
    static let hookPollSeconds = 1.0

    private let inbox = EventInbox<KernelSensorEvent>()
    private var sensor: KernelIntegritySensor?
    private var reader: RingBufferReader?
    private var validator: KernelIntegrityValidator?
    private var nextTimer: UInt64 = 0
    private var nextHookPoll: UInt64 = 0
    private var lastHookText = ""
    private var pending: (trigger: KernelCheckTrigger, due: UInt64)?
    /// BPF programs and links as of the last validation; nil when they cannot be listed.
    private var bpfInventory: BPFInventorySnapshot?
    private(set) var checks = 0
    private(set) var checkSeconds = 0.0

    /// LKRG's smep_enforce and smap_enforce; nil leaves a cleared bit to kint_enforce.
    struct ControlBits {
        var smep: ControlBitEnforcement?
        var smap: ControlBitEnforcement?
    }

    private(set) var controlBits: ControlBits
    /// LKRG's heartbeat: a line after each validation that found nothing.
    private(set) var heartbeat: Bool
    /// The last validation: what woke it, when it ended, how long it took, its alerts.
    private(set) var lastCheck: (trigger: KernelCheckTrigger, ended: UInt64, seconds: Double, findings: Int, alerts: Int)?

    init(policy: KernelIntegrityPolicy, controlBits: ControlBits = .init(), heartbeat: Bool = false, output: EventPrinter, logger: Logger) {
        self.policy = policy
        self.controlBits = controlBits
        self.heartbeat = heartbeat
        self.output = output
        self.logger = logger
    }

    /// Loads the sensor and takes the baseline. Failures leave kernel integrity off, said loudly.
    /// `symbols`: kallsyms as already read by the caller (read again when nil).
    func start(symbols: KernelSymbols? = nil) {
        guard policy.enabled else { return }
        let started = MonotonicClock.now()
        do {
            let symbols = try symbols ?? HostKernelState.symbols(root: .host)
            let settings = KernelIntegritySensor.Settings(
                modulesHead: symbols.address(of: "modules") ?? 0,
                selinuxState: symbols.address(of: "selinux_state") ?? 0,
                kernelLockedDown: symbols.address(of: "kernel_locked_down") ?? 0,
                ueventHelper: symbols.address(of: "uevent_helper") ?? 0
            )
            let sensor = try KernelIntegritySensor(settings: settings)
            for skipped in sensor.skipped {
                logger.warning("kernel sensor program skipped", metadata: ["program": "\(skipped.program)", "consequence": "\(skipped.consequence)"])
            }
            let state: HostKernelState
            do {
                state = try HostKernelState(root: .host)
            } catch {
                // Masked (container runtimes bind /dev/null over it) or not built in.
                logger.warning("kernel integrity reads kernel memory through BPF", metadata: [
                    "reason": "/proc/kcore cannot be read: \(error)",
                ])
                state = try HostKernelState(root: .host, memory: sensor.makeMemoryReader())
            }
            reader = try sensor.makeEventReader(handle: inbox.receiver(decoding: KernelEventDecoder.decode))
            let config = (try? KernelFileReader(root: .host).readText("/boot/config-\(Uname.current().release)")) ?? ""
            let validator = try KernelIntegrityValidator(
                source: state, policy: policy, symbols: symbols, selinuxHasDisableFlag: config.contains("CONFIG_SECURITY_SELINUX_DISABLE=y")
            )
            self.sensor = sensor
            self.validator = validator
            let list = walkModules()
            var findings = validator.startFindings()
            findings += validator.validate(trigger: .start, moduleList: list)
            let coverage = validator.coverage
            logger.notice("kernel integrity baseline taken", metadata: [
                "seconds": "\(MonotonicClock.seconds(since: started))",
                "bytes": "\(coverage.bytesCovered)",
                "patch_sites": "\(coverage.patchSites.values.reduce(0, +))",
                "system_calls": "\(coverage.systemCalls)",
                "interrupt_gates": "\(coverage.interruptGates)",
                "modules": "\(coverage.modules)",
                "variables": "\(coverage.variables.joined(separator: ","))",
                "kint_validate": "\(policy.validation.rawValue)",
                "kint_enforce": "\(policy.enforcement.rawValue)",
                "interval": "\(policy.interval)",
            ])
            for item in coverage.cpuState.items {
                logger.info("cpu state", metadata: ["item": "\(item.item)", "covered": "\(item.covered)", "detail": "\(item.detail)"])
            }
            for gap in coverage.gaps {
                logger.warning("kernel integrity gap", metadata: ["gap": "\(gap)"])
            }
            bpfInventory = try? BPFInventory.snapshot(namingTargets: false)
            if bpfInventory == nil {
                logger.warning("kernel integrity gap", metadata: ["gap": "BPF programs: the inventory could not be listed"])
            }
            handle(findings)
            lastHookText = hookText()
            nextTimer = MonotonicClock.now() + nanoseconds(policy.interval)
            nextHookPoll = MonotonicClock.now() + nanoseconds(Self.hookPollSeconds)
        } catch {
            logger.error("kernel integrity is off: the baseline could not be taken", metadata: ["error": "\(error)"])
            sensor = nil
            validator = nil
        }
    }

    /// Called by the run loop between polls: drains events and runs due validations.
    func service() {
        guard let validator, policy.enabled else { return }
        drain(validator)
        let now = MonotonicClock.now()
        if DemandSignal.take() { run(.demand) }
        if policy.onTimer, now >= nextTimer {
            run(.timer)
        }
        if policy.onEvents, now >= nextHookPoll {
            nextHookPoll = now + nanoseconds(Self.hookPollSeconds)
            let text = hookText()
            if text != lastHookText {
                lastHookText = text
                schedule(.hookChange, after: 0)
            }
        }
        if let pending, now >= pending.due {
            self.pending = nil
            run(pending.trigger)
        }
    }

    /// Applies changed knobs at once: the next validation, timer and response use them.
    /// Turning kernel integrity on at run time takes the baseline then.
    func update(policy: KernelIntegrityPolicy, controlBits: ControlBits, heartbeat: Bool) {
        let wasEnabled = self.policy.enabled
        self.policy = policy
        self.controlBits = controlBits
        self.heartbeat = heartbeat
        validator?.policy = policy
        nextTimer = MonotonicClock.now() + nanoseconds(policy.interval)
        if !wasEnabled, policy.enabled, validator == nil {
            start()
        }
    }

    /// Validates now (`vigil check --now`); nil when kernel integrity is off.
    func checkNow() -> CheckOutcome? {
        guard validator != nil else { return nil }
        run(.demand)
        guard let lastCheck else { return nil }
        return CheckOutcome(findings: lastCheck.findings, alerts: lastCheck.alerts, seconds: lastCheck.seconds)
    }

    private func run(_ trigger: KernelCheckTrigger) {
        guard let validator else { return }
        let started = MonotonicClock.now()
        let list = walkModules()
        drain(validator)
        let modulesBefore = validator.moduleEventCount
        var findings = validator.validate(trigger: trigger, moduleList: list)
        if let previous = bpfInventory, var current = try? BPFInventory.snapshot(namingTargets: false) {
            var changes = BPFInventoryDiff.findings(from: previous, to: current, trigger: trigger)
            if changes.contains(where: { $0.kind == .hookAdded }), let named = try? BPFInventory.snapshot() {
                // Name what the new programs attach to (this parses kernel BTF: only when needed).
                current = named
                changes = BPFInventoryDiff.findings(from: previous, to: current, trigger: trigger)
            }
            findings += changes
            bpfInventory = current
        }
        drain(validator)
        if validator.moduleEventCount != modulesBefore {
            // A module came or went while we looked: its views and memory were in flux.
            let stale = findings.filter(\.check.dependsOnModules)
            validator.withdraw(stale)
            findings.removeAll(where: \.check.dependsOnModules)
            schedule(trigger, after: 0.2)
        }
        let seconds = MonotonicClock.seconds(since: started)
        checks += 1
        checkSeconds += seconds
        logger.debug("kernel integrity check", metadata: ["trigger": "\(trigger.rawValue)", "seconds": "\(seconds)", "findings": "\(findings.count)"])
        handle(findings)
        lastCheck = (trigger, MonotonicClock.now(), seconds, findings.count, findings.filter(\.isAlert).count)
        if heartbeat, !findings.contains(where: \.isAlert) {
            logger.notice("System is clean", metadata: ["trigger": "\(trigger.rawValue)", "seconds": "\(seconds)"])
        }
        nextTimer = MonotonicClock.now() + nanoseconds(policy.interval)
    }

    private func schedule(_ trigger: KernelCheckTrigger, after seconds: Double) {
        guard policy.onEvents else { return }
        let due = MonotonicClock.now() + nanoseconds(seconds)
        if let pending, pending.due <= due { return }
        pending = (trigger, due)
    }

    /// Handles what the kernel programs reported since the last drain (not the walk's records).
    private func drain(_ validator: KernelIntegrityValidator) {
        _ = try? reader?.poll(timeoutMilliseconds: 0)
        for event in inbox.take() {
            switch event {
            case .module(let action, let record, let result, _, let writer, let boot):
                switch action {
                case .loaded:
                    emit(validator.moduleLoaded(record), boot: boot, extra: "by \(writer)")
                    schedule(.moduleLoad, after: 0)
                case .initialised:
                    validator.moduleInitialised(address: record.address, result: result)
                    schedule(.moduleLoad, after: 0)
                case .freed:
                    emit(validator.moduleFreed(record), boot: boot, extra: "by \(writer)")
                    schedule(.moduleUnload, after: 0.2)
                case .listed, .listEnd:
                    break
                }
            case .write(let source, let address, let value, let name, let writer, let boot):
                let interface = source == .sysctl ? "/proc/sys (\(name))" : source.interface
                if let finding = validator.legitimateWrite(address: address, value: value, interface: interface, writer: writer.description) {
                    emit(finding, boot: boot, extra: nil)
                }
            }
        }
        let undecodable = inbox.takeUndecodable()
        if undecodable > 0 {
            logger.error("undecodable kernel sensor events", metadata: ["count": "\(undecodable)"])
        }
    }

    /// Walks the module list in the kernel; nil when the walk did not complete.
    private func walkModules() -> [KernelModuleRecord]? {
        guard let sensor, let reader, let validator else { return nil }
        drain(validator)
        do {
            try sensor.walkModules()
        } catch {
            logger.error("module list walk failed", metadata: ["error": "\(error)"])
            return nil
        }
        var records: [KernelModuleRecord] = []
        for _ in 0..<100 {
            _ = try? reader.poll(timeoutMilliseconds: 10)
            var ended = false
            var others: [KernelSensorEvent] = []
            for event in inbox.events {
                if case .module(let action, let record, _, _, _, _) = event, action == .listed || action == .listEnd {
                    if action == .listed { records.append(record) } else { ended = true }
                } else {
                    others.append(event)
                }
            }
            inbox.events = others
            if ended { return records }
        }
        logger.error("module list walk did not end")
        return nil
    }

    private func handle(_ findings: [KernelIntegrityFinding]) {
        let boot = MonotonicClock.bootNanoseconds()
        for finding in findings {
            emit(finding, boot: boot, extra: nil)
        }
        if let knob = panicKnob(for: findings) {
            logger.critical("\(knob)=2: panicking the kernel")
            try? ProcessControl.panicKernel()
        }
    }

    /// The knob that asks for a panic over these findings, if any: smep_enforce or smap_enforce
    /// for a CR4 bit they govern, kint_enforce for everything else.
    private func panicKnob(for findings: [KernelIntegrityFinding]) -> String? {
        for finding in findings where finding.isAlert {
            if finding.check == .cpuState, finding.symbol == "CR4" {
                let actual = finding.actual ?? ""
                var governed = false
                if actual.contains("SMEP") || actual.contains("UMIP"), let smep = controlBits.smep {
                    governed = true
                    if smep == .panic { return "smep_enforce" }
                }
                if actual.contains("SMAP"), let smap = controlBits.smap {
                    governed = true
                    if smap == .panic { return "smap_enforce" }
                }
                if governed { continue }
            }
            if policy.enforcement == .panic { return "kint_enforce" }
        }
        return nil
    }

    private func emit(_ finding: KernelIntegrityFinding, boot: UInt64, extra: String?) {
        var finding = finding
        if let extra { finding.detail = [finding.detail, extra].compactMap { $0 }.joined(separator: ", ") }
        let response: String
        switch policy.enforcement {
        case .logAndAccept: response = "logged, accepted into the baseline"
        case .log: response = "logged"
        case .panic: response = "panic"
        }
        output.print(finding, bootNanoseconds: boot, response: finding.isAlert ? response : "none")
        var metadata: Logger.Metadata = ["check": "\(finding.check.rawValue)", "region": "\(finding.region)", "symbol": "\(finding.symbol)"]
        if let module = finding.module { metadata["module"] = "\(module)" }
        if finding.isAlert {
            logger.critical("kernel integrity violation", metadata: metadata)
        } else {
            logger.info("kernel change accounted for", metadata: metadata.merging(["kind": "\(finding.kind.rawValue)"]) { $1 })
        }
    }

    /// The hooks inventory as text, to notice changes between validations cheaply.
    private func hookText() -> String {
        TracefsLocator(root: .host).hooksInventoryText()
    }

    /// Events the kernel sensor's ring could not take.
    var droppedEvents: UInt64 { (try? sensor?.droppedEvents()) ?? 0 }

    /// Whether the baseline was taken.
    var isBaselined: Bool { validator != nil }

    var averageCheckSeconds: Double { checks == 0 ? 0 : checkSeconds / Double(checks) }

    private func nanoseconds(_ seconds: Double) -> UInt64 {
        UInt64(seconds * 1e9)
    }
}
