import ArgumentParser
import Logging
import VigilBPF
import VigilCore
import VigilLinux

/// The usermode-helper guard and the module-load policy in `vigil run`:
/// loads the guard's BPF programs, applies umh_validate/umh_enforce and
/// block_modules, reports every helper call and refusal, and panics when
/// umh_enforce=2 asks for it.
final class HelperAndModuleGuard {
    private(set) var helpers: UsermodeHelperPolicy
    private(set) var modules: ModuleLoadPolicy
    let output: EventPrinter
    let logger: Logger

    private let inbox = EventInbox<GuardSensorEvent>()
    private var sensor: GuardSensor?
    private var reader: RingBufferReader?

    init(helpers: UsermodeHelperPolicy, modules: ModuleLoadPolicy, output: EventPrinter, logger: Logger) {
        self.helpers = helpers
        self.modules = modules
        self.output = output
        self.logger = logger
    }

    /// Whether the policy asks for refusals that must not silently be missing.
    private var refusesModules: Bool { modules.blockModules || modules.allowedNames != nil }

    /// Loads the guard and applies the policy. A failure is fatal when modules must be
    /// refused (the operator asked for it explicitly); otherwise it is logged loudly.
    func start(symbols: KernelSymbols?, bpfLSMActive: Bool) throws {
        let variables = GuardSensor.Variables(
            modprobePath: symbols?.address(of: "modprobe_path") ?? 0,
            corePattern: symbols?.address(of: "core_pattern") ?? 0
        )
        do {
            let sensor = try GuardSensor(variables: variables, bpfLSMActive: bpfLSMActive)
            for skipped in sensor.coverage.skipped {
                logger.warning("guard program skipped", metadata: ["program": "\(skipped.program)", "consequence": "\(skipped.consequence)"])
            }
            reader = try sensor.makeEventReader(handle: inbox.receiver(decoding: GuardEventDecoder.decode))
            try seed(sensor, variables: variables)
            try sensor.apply(helpers: helpers, modules: modules)
            self.sensor = sensor
            logger.notice("usermode helpers and module loads guarded", metadata: [
                "umh_validate": "\(helpers.validation.rawValue)",
                "umh_enforce": "\(helpers.enforcement.rawValue)",
                "allowlist": "\(helpers.allowlist.count)",
                "block_modules": "\(modules.blockModules ? 1 : 0)",
                "module_allowlist": "\(modules.allowedNames?.joined(separator: ",") ?? "none")",
                "refusals_through": "\(sensor.coverage.refusalRoute)",
                "tracks_sysctl_values": "\(sensor.coverage.tracksVariables)",
                "load_seconds": "\(sensor.coverage.loadSeconds)",
            ])
            if variables.modprobePath == 0 || variables.corePattern == 0 {
                logger.warning("guard gap", metadata: ["gap": "modprobe_path or core_pattern has no address in kallsyms: helpers run from it are judged by the allowlist alone"])
            }
        } catch {
            sensor = nil
            reader = nil
            if refusesModules {
                throw CommandFailure(message: "could not load the module-load guard that block_modules/module_allow need: \(error)", exitCode: .failure)
            }
            logger.error("usermode-helper guard is off: its BPF programs could not load", metadata: ["error": "\(error)"])
        }
    }

    /// Reads the configured values from /proc/sys and hands them to the guard, again
    /// until two reads agree (a write landing in between is then already in the map).
    private func seed(_ sensor: GuardSensor, variables: GuardSensor.Variables) throws {
        let files = KernelFileReader(root: .host)
        func current() -> (String?, String?) {
            // A /proc/sys string as the kernel holds it: without the newline the read adds.
            let modprobe = (try? files.readText("/proc/sys/kernel/modprobe"))?.trimmingSuffixNewline()
            let corePattern = (try? files.readText("/proc/sys/kernel/core_pattern"))?.trimmingSuffixNewline()
            return (modprobe, corePattern)
        }
        var values = current()
        for _ in 0..<5 {
            try sensor.seedExpectedValues(modprobePath: values.0, corePattern: values.1)
            let again = current()
            if again == values { return }
            values = again
        }
        logger.warning("modprobe_path and core_pattern kept changing while the guard started; their last values are trusted")
    }

    /// Applies a changed policy at once (the BPF programs read it from their maps on the next call).
    func update(helpers: UsermodeHelperPolicy, modules: ModuleLoadPolicy) throws {
        try sensor?.apply(helpers: helpers, modules: modules)
        self.helpers = helpers
        self.modules = modules
    }

    /// Whether the guard's programs are loaded.
    var isActive: Bool { sensor != nil }

    /// How the guard refuses on this kernel, for `vigil status`.
    var refusalRoute: String? { sensor?.coverage.refusalRoute }

    /// Called by the run loop: prints what the guard reported since the last call.
    func service() {
        guard let reader else { return }
        _ = try? reader.poll(timeoutMilliseconds: 0)
        for event in inbox.take() {
            switch event {
            case .usermodeHelper(let helper): report(helper)
            case .modulePolicy(let module): report(module)
            }
        }
        let undecodable = inbox.takeUndecodable()
        if undecodable > 0 {
            logger.error("undecodable guard events", metadata: ["count": "\(undecodable)"])
        }
    }

    private func report(_ event: UsermodeHelperEvent) {
        output.print(event)
        var metadata: Logger.Metadata = [
            "stage": "\(event.stage.name)", "path": "\(event.path)", "verdict": "\(event.verdict.name)",
            "response": "\(event.response.name)", "pid": "\(event.pid)", "comm": "\(event.comm)",
        ]
        if let variable = event.variable { metadata["variable"] = "\(variable.name)" }
        if event.isAlert {
            logger.critical("usermode helper not allowed", metadata: metadata)
        } else {
            logger.info("usermode helper", metadata: metadata)
        }
        if event.response == .panic, event.stage == .execRefused {
            logger.critical("umh_enforce=2: panicking the kernel")
            try? ProcessControl.panicKernel()
        }
    }

    private func report(_ event: ModulePolicyEvent) {
        output.print(event)
        logger.critical("module load refused", metadata: [
            "reason": "\(event.reason.name)", "module": "\(event.name ?? "-")", "file": "\(event.file ?? "-")",
            "pid": "\(event.pid)", "comm": "\(event.comm)", "syscall": "\(event.operation.systemCall)",
        ])
    }

    /// The guard's counters, for the stop report.
    func counters() -> [String: UInt64] {
        (try? sensor?.counters()) ?? [:]
    }
}
