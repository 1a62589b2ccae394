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
final class ProcessIntegrityGuard {
    let policy: ProcessIntegrityPolicy
    let sweepInterval: Double
    let output: EventPrinter
    let logger: Logger
    let kernel: KernelIntegrityGuard
    let helpersAndModules: HelperAndModuleGuard

    /// Events the ring buffer delivered since the last drain.
    private final class Inbox {
        var events: [TaskIntegrityEvent] = []
        var undecodable = 0
    }

    init(
        policy: ProcessIntegrityPolicy, sweepInterval: Double, kernel: KernelIntegrityGuard, helpersAndModules: HelperAndModuleGuard,
        output: EventPrinter, logger: Logger
    ) {
        self.policy = policy
        self.kernel = kernel
        self.helpersAndModules = helpersAndModules
        self.sweepInterval = sweepInterval
        self.output = output
        self.logger = logger
    }

    func run(readyFile: String?, duration: Double?) throws {
        StopSignal.install()
        DemandSignal.install()
        let started = MonotonicClock.now()
        let facts = KernelFactsCollector(root: .host, architecture: (try? Uname.current().machine) ?? "unknown")
        let lsmActive = facts.collectSecurityModules().value?.contains("bpf") ?? false
        let sensor: ProcessIntegritySensor
        do {
            sensor = try ProcessIntegritySensor(policy: policy, bpfLSMActive: lsmActive)
        } catch {
            throw CommandFailure(message: "could not load the process-integrity sensor: \(error)", exitCode: .failure)
        }
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
        logger.notice("fully protected", metadata: ["seconds_to_protection": "\(MonotonicClock.seconds(since: started))"])
        if let readyFile {
            try createReadyFile(readyFile)
        }

        let inbox = Inbox()
        let reader = try sensor.makeEventReader { bytes in
            do {
                inbox.events.append(try TaskEventDecoder.decode(bytes))
            } catch {
                inbox.undecodable += 1
            }
        }
        var confirmation = SweepConfirmation()
        var nextSweep = MonotonicClock.now() + nanoseconds(sweepInterval)
        let deadline = duration.map { MonotonicClock.now() + nanoseconds($0) }

        while !StopSignal.isRequested {
            if let deadline, MonotonicClock.now() >= deadline { break }
            try reader.poll(timeoutMilliseconds: 100)
            helpersAndModules.service()
            kernel.service()
            let events = inbox.events
            inbox.events.removeAll()
            for event in events where event.hook != .sweep {
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
            if inbox.undecodable > 0 {
                logger.error("undecodable events from the sensor", metadata: ["count": "\(inbox.undecodable)"])
                inbox.undecodable = 0
            }
        }
        var counters = (try? sensor.counters()) ?? [:]
        counters.merge(helpersAndModules.counters()) { $1 }
        counters["kernel_checks"] = UInt64(kernel.checks)
        counters["kernel_check_average_microseconds"] = UInt64(kernel.averageCheckSeconds * 1e6)
        logger.notice("stopping", metadata: counters.reduce(into: Logger.Metadata()) { $0[$1.key] = "\($1.value)" })
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
