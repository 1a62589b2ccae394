import ArgumentParser
import Logging
import VigilBPF
import VigilCore
import VigilLinux

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The foreground protection loop: loads the process-integrity sensor, drains
/// its events, runs and confirms sweeps, and applies the responses the kernel
/// side cannot (killing a swept task, panicking).
final class ProcessIntegrityGuard: ControlledDaemon {
    var policy: ProcessIntegrityPolicy { configuration.processIntegrity }
    var sweepInterval: Double { configuration.sweepInterval }
    /// Where to write Prometheus metrics (node_exporter's textfile collector); nil: nowhere.
    var metricsTextfile: MetricsTextfile?
    private var nextMetrics: UInt64 = 0
    /// Reads the configuration file again (SIGHUP); nil when there is nothing to reload.
    var reload: (() throws -> VigilConfiguration)?
    let output: EventPrinter
    let logger: Logger
    let kernel: KernelIntegrityGuard
    let helpersAndModules: HelperAndModuleGuard

    /// The settings in force, changed at run time by `vigil set`.
    private(set) var configuration: VigilConfiguration
    private let controlSocketPath: String?
    private var sensor: ProcessIntegritySensor?
    private var control: ControlServer?
    private let started = MonotonicClock.now()

    init(
        configuration: VigilConfiguration, kernel: KernelIntegrityGuard, helpersAndModules: HelperAndModuleGuard,
        controlSocket: String?, output: EventPrinter, logger: Logger
    ) {
        self.configuration = configuration
        self.controlSocketPath = controlSocket
        self.kernel = kernel
        self.helpersAndModules = helpersAndModules
        self.output = output
        self.logger = logger
    }

    func run(readyFile: String?, duration: Double?) throws {
        StopSignal.install()
        DemandSignal.install()
        ReloadSignal.install()
        let started = MonotonicClock.now()
        let facts = KernelFactsCollector(root: .host, architecture: (try? Uname.current().machine) ?? "unknown")
        let lsmActive = facts.collectSecurityModules().value?.contains("bpf") ?? false
        let sensor: ProcessIntegritySensor
        do {
            sensor = try ProcessIntegritySensor(policy: policy, bpfLSMActive: lsmActive)
        } catch {
            throw CommandFailure(message: "could not load the process-integrity sensor: \(error)", exitCode: .failure)
        }
        self.sensor = sensor
        let coverage = sensor.coverage
        for skipped in coverage.skipped {
            logger.warning("sensor program skipped", metadata: ["program": "\(skipped.program)", "consequence": "\(skipped.consequence)"])
        }
        logger.notice("protected", metadata: [
            "seconds_to_protection": "\(MonotonicClock.seconds(since: started))",
            "load_seconds": "\(coverage.loadSeconds)",
            "attach_seconds": "\(coverage.attachSeconds)",
            "programs": "\(coverage.attached.count)",
            "tasks_seeded": "\(coverage.tasksSeeded)",
            "blocking": "\(coverage.canBlock)",
            "tracks_overrides": "\(coverage.tracksOverrides)",
            "pint_validate": "\(policy.validation.rawValue)",
            "pint_enforce": "\(policy.enforcement.rawValue)",
        ])
        let symbols: KernelSymbols?
        do {
            symbols = try HostKernelState.symbols(root: .host)
        } catch {
            logger.error("kernel symbols cannot be read", metadata: ["error": "\(error)"])
            symbols = nil
        }
        try helpersAndModules.start(symbols: symbols, bpfLSMActive: lsmActive)
        kernel.start(symbols: symbols)
        if let controlSocketPath, let followers = output.followers {
            do {
                control = try ControlServer(path: controlSocketPath, followers: followers, logger: logger)
            } catch {
                logger.error("control socket unavailable: vigil status, set and events cannot reach this daemon", metadata: ["path": "\(controlSocketPath)", "error": "\(error)"])
            }
        }
        logger.notice("fully protected", metadata: ["seconds_to_protection": "\(MonotonicClock.seconds(since: started))"])
        if let readyFile {
            try createReadyFile(readyFile)
        }

        let inbox = EventInbox<TaskIntegrityEvent>()
        let reader = try sensor.makeEventReader(handle: inbox.receiver(decoding: TaskEventDecoder.decode))
        var confirmation = SweepConfirmation()
        var nextSweep = MonotonicClock.now() + nanoseconds(sweepInterval)
        let deadline = duration.map { MonotonicClock.now() + nanoseconds($0) }

        while !StopSignal.isRequested {
            if let deadline, MonotonicClock.now() >= deadline { break }
            try reader.poll(timeoutMilliseconds: 100)
            helpersAndModules.service()
            kernel.service()
            control?.service(self)
            if ReloadSignal.take() { reloadConfiguration() }
            if let metricsTextfile, MonotonicClock.now() >= nextMetrics {
                writeMetrics(to: metricsTextfile)
                nextMetrics = MonotonicClock.now() + nanoseconds(MetricsTextfile.interval)
            }
            for event in inbox.take() where event.hook != .sweep {
                report(event)
            }
            if policy.sweeps, MonotonicClock.now() >= nextSweep {
                try sensor.sweep()
                try reader.poll(timeoutMilliseconds: 0)
                let candidates = inbox.events.filter { $0.hook == .sweep }
                inbox.events.removeAll { $0.hook == .sweep }
                for var event in confirmation.confirm(candidates) {
                    if policy.enforcement != .log {
                        do {
                            try ProcessControl.sendKill(pid: event.process.pid)
                            event.response = .killed
                        } catch {
                            logger.error("could not kill a swept task", metadata: ["pid": "\(event.process.pid)", "error": "\(error)"])
                        }
                    }
                    report(event)
                }
                nextSweep = MonotonicClock.now() + nanoseconds(confirmation.hasPending ? 0.05 : sweepInterval)
            }
            let undecodable = inbox.takeUndecodable()
            if undecodable > 0 {
                logger.error("undecodable events from the sensor", metadata: ["count": "\(undecodable)"])
            }
        }
        if let metricsTextfile { writeMetrics(to: metricsTextfile) }
        var counters = self.counters()
        counters["kernel_check_average_microseconds"] = UInt64(kernel.averageCheckSeconds * 1e6)
        logger.notice("stopping", metadata: counters.reduce(into: Logger.Metadata()) { $0[$1.key] = "\($1.value)" })
    }

    // MARK: metrics

    private func writeMetrics(to file: MetricsTextfile) {
        do {
            try file.write(metrics())
        } catch {
            logger.error("metrics not written", metadata: ["path": "\(file.path)", "error": "\(error)"])
        }
    }

    /// The daemon's state as Prometheus metrics (docs/control.md lists them).
    func metrics() -> [PrometheusMetric] {
        let status = status()
        var detections: [PrometheusMetric.Sample] = []
        for (type, kinds) in (output.tally?.counts ?? [:]).sorted(by: { $0.key < $1.key }) {
            for (kind, count) in kinds.sorted(by: { $0.key < $1.key }) {
                detections.append(.init(labels: [("type", type), ("kind", kind)], value: Double(count)))
            }
        }
        let counters = status.counters
        func counter(_ name: String) -> Double { Double(counters[name] ?? 0) }
        var metrics: [PrometheusMetric] = [
            PrometheusMetric(name: "vigil_up", help: "1 while vigil run protects this machine.", kind: .gauge, value: 1),
            PrometheusMetric(name: "vigil_info", help: "The running vigil's version.", kind: .gauge,
                             samples: [.init(labels: [("version", status.version)], value: 1)]),
            PrometheusMetric(name: "vigil_uptime_seconds", help: "Seconds since vigil run started.", kind: .gauge, value: status.uptimeSeconds),
            PrometheusMetric(name: "vigil_protection_active", help: "1 when the protection is in force.", kind: .gauge,
                             samples: status.protections.map { .init(labels: [("protection", $0.name)], value: $0.active ? 1 : 0) }),
            PrometheusMetric(name: "vigil_detections_total", help: "Alerts reported, by record type and kind (docs/events.md).", kind: .counter, samples: detections),
            PrometheusMetric(name: "vigil_kernel_checks_total", help: "Kernel-integrity validations run.", kind: .counter, value: Double(kernel.checks)),
            PrometheusMetric(name: "vigil_kernel_check_seconds_total", help: "Seconds spent in kernel-integrity validations.", kind: .counter, value: kernel.checkSeconds),
            PrometheusMetric(name: "vigil_task_validations_total", help: "Task states validated at hooks and sweeps (process integrity).", kind: .counter, value: counter("validations")),
            PrometheusMetric(name: "vigil_helpers_called_total", help: "Usermode helpers the kernel was asked to run.", kind: .counter, value: counter("helpers_called")),
            PrometheusMetric(name: "vigil_helpers_refused_total", help: "Usermode-helper execs refused.", kind: .counter, value: counter("helpers_refused")),
            PrometheusMetric(name: "vigil_modules_refused_total", help: "Module loads refused.", kind: .counter, value: counter("modules_refused")),
            PrometheusMetric(name: "vigil_events_dropped_total", help: "Events lost: a BPF ring was full, or a follower read too slowly.", kind: .counter, samples: [
                .init(labels: [("source", "process-sensor")], value: counter("events_dropped")),
                .init(labels: [("source", "guard")], value: counter("guard_events_dropped")),
                .init(labels: [("source", "kernel-sensor")], value: counter("kernel_events_dropped")),
                .init(labels: [("source", "followers")], value: counter("followers_dropped_lines")),
            ]),
        ]
        if let last = status.lastCheck {
            metrics.append(PrometheusMetric(name: "vigil_kernel_last_check_age_seconds", help: "Seconds since the last kernel-integrity validation ended.", kind: .gauge, value: last.secondsAgo))
            metrics.append(PrometheusMetric(name: "vigil_kernel_last_check_duration_seconds", help: "How long the last kernel-integrity validation took.", kind: .gauge, value: last.seconds))
        }
        return metrics
    }

    // MARK: control socket

    func status() -> DaemonStatus {
        let now = MonotonicClock.now()
        var protections: [DaemonStatus.Protection] = []
        if let coverage = sensor?.coverage {
            protections.append(.init(
                name: "process-integrity", active: policy.validation != .off,
                detail: "\(coverage.attached.count) programs; " + (coverage.canBlock ? "refuses through the BPF LSM" : "kills through fentry fallbacks (no BPF LSM)")
            ))
        }
        protections.append(.init(
            name: "kernel-integrity", active: kernel.policy.enabled && kernel.isBaselined,
            detail: kernel.isBaselined ? "baseline taken; \(kernel.checks) checks, \(Int(kernel.averageCheckSeconds * 1000)) ms average" : "no baseline"
        ))
        protections.append(.init(
            name: "usermode-helper-and-module-guard", active: helpersAndModules.isActive,
            detail: helpersAndModules.refusalRoute.map { "refuses through \($0)" } ?? "not loaded"
        ))
        let last = kernel.lastCheck.map {
            DaemonStatus.LastCheck(trigger: $0.trigger.rawValue, secondsAgo: Double(now &- $0.ended) / 1e9, seconds: $0.seconds, alerts: $0.alerts)
        }
        return DaemonStatus(
            version: VigilVersion.current, pid: getpid(), uptimeSeconds: Double(now &- started) / 1e9,
            settings: RuntimeSetting.describe(configuration), protections: protections, lastCheck: last, counters: counters()
        )
    }

    /// Every sensor's counters, for `vigil status`, the metrics and the stop report.
    private func counters() -> [String: UInt64] {
        var counters = (try? sensor?.counters()) ?? [:]
        counters.merge(helpersAndModules.counters()) { $1 }
        counters["kernel_checks"] = UInt64(kernel.checks)
        counters["kernel_events_dropped"] = kernel.droppedEvents
        counters["followers_dropped_lines"] = output.followers?.dropped ?? 0
        return counters
    }

    func apply(key: String, value: String) throws -> SettingChange {
        let previous = configuration
        let next = try RuntimeSetting.apply(key: key, value: value, to: configuration)
        try apply(next)
        return RuntimeSetting.change(key: key, from: previous, to: next)
    }

    /// SIGHUP: the file is read and checked as a whole; a bad file changes nothing.
    private func reloadConfiguration() {
        guard let reload else {
            logger.notice("SIGHUP: no configuration file to reload")
            return
        }
        do {
            let next = try reload()
            let change = RuntimeSetting.change(key: "all", from: configuration, to: next)
            if next.logLevel != configuration.logLevel || next.jsonEvents != configuration.jsonEvents {
                logger.warning("SIGHUP: log_level and json_events change only at restart")
            }
            try apply(next)
            let changed = change.current.keys.sorted().map { "\($0)=\(change.current[$0] ?? "")" }
            logger.notice("configuration reloaded", metadata: ["changed": "\(changed.joined(separator: ","))"])
        } catch {
            logger.error("configuration not reloaded: the settings in force are kept", metadata: ["error": "\(error)"])
        }
    }

    /// Puts a whole configuration in force: each part where it lives, without detaching anything.
    private func apply(_ next: VigilConfiguration) throws {
        let previous = configuration
        if next.processIntegrity != previous.processIntegrity {
            try sensor?.apply(next.processIntegrity)
        }
        if next.usermodeHelpers != previous.usermodeHelpers || next.modules != previous.modules {
            try helpersAndModules.update(helpers: next.usermodeHelpers, modules: next.modules)
        }
        kernel.update(
            policy: next.kernelIntegrity, controlBits: .init(smep: next.smepEnforce, smap: next.smapEnforce), heartbeat: next.heartbeat
        )
        var kept = next
        kept.logLevel = previous.logLevel
        kept.jsonEvents = previous.jsonEvents
        configuration = kept
    }

    func checkNow() -> CheckOutcome? {
        kernel.checkNow()
    }

    private func report(_ event: TaskIntegrityEvent) {
        output.print(event)
        logger.critical("process integrity violation", metadata: [
            "pid": "\(event.process.pid)", "comm": "\(event.process.comm)", "hook": "\(event.hookName)",
            "fields": "\(event.fields.map(\.description).joined(separator: ","))", "response": "\(event.response.rawValue)",
        ])
        if policy.enforcement == .panic, event.response != .logged {
            logger.critical("pint_enforce=2: panicking the kernel")
            try? ProcessControl.panicKernel()
        }
    }

    private func createReadyFile(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CommandFailure(message: "could not create --ready-file \(path): errno \(errno)", exitCode: .failure)
        }
        close(descriptor)
    }

    private func nanoseconds(_ seconds: Double) -> UInt64 {
        UInt64(seconds * 1e9)
    }
}
