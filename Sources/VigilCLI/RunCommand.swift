import ArgumentParser
import Logging
import Synchronization
import VigilBPF
import VigilCore
import VigilLinux

/// `vigil run`: protect the machine in the foreground until stopped.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Protect this machine until stopped, printing each detection on standard output.",
        discussion: """
        Loads Vigil's BPF sensors, takes a shadow of every task's credentials, capabilities, \
        namespaces and seccomp state, and validates it wherever a forged privilege would be used. \
        A task whose state changed without a legitimate kernel path is refused (-EPERM) and killed \
        before it uses the privilege, as pint_enforce says. Takes a baseline of the kernel's text, \
        read-only data, system call table, IDT, modules, hooks and security-critical variables, and \
        validates it on a timer, after module loads and hook changes, and on SIGUSR1, as \
        kint_validate and kint_enforce say. Refuses the exec of usermode helpers the kernel \
        runs from a path that is not allowed (umh_validate, umh_enforce), and module loads \
        when block_modules or an allowlist says so. Stops on SIGINT or SIGTERM and detaches.

        Settings come from /etc/vigil/vigil.toml (or --config), with LKRG's knob names; the options \
        below override the file. The whole file is checked first: an error names the file, line, \
        key and the values allowed, and nothing is started. SIGHUP reads the file again and applies \
        it without a gap (a bad file is logged and changes nothing); SIGUSR1 validates the kernel now.

        Exit status: 0 after an orderly stop, 1 when the sensors could not load, 77 when not run as root, \
        78 when the configuration is not valid.
        """
    )

    @Option(name: .long, help: ArgumentHelp(
        "Read the configuration from this file (default: \(VigilConfiguration.defaultPath) when it exists). Options given here override it.",
        valueName: "path"
    ))
    var config: String?

    @Flag(name: .customLong("no-config"), help: "Ignore \(VigilConfiguration.defaultPath): only options and defaults apply.")
    var noConfig = false

    @Option(name: .customLong("pint-validate"), help: "0 off, 1 check the current task at hooks, 2 also sweep every task on a timer, 3 paranoid (as 2 today). (default: 2)")
    var pintValidate: Int?

    @Option(name: .customLong("pint-enforce"), help: "0 log only, 1 refuse the operation and kill the process, 2 also panic the kernel. (default: 1)")
    var pintEnforce: Int?

    @Option(name: .customLong("kint-validate"), help: "Kernel integrity: 0 off, 1 only on demand (SIGUSR1), 2 also on a timer, 3 also at once on module loads, unloads and hook changes. (default: 3)")
    var kintValidate: Int?

    @Option(name: .customLong("kint-enforce"), help: "On kernel tampering: 0 log and accept the change, 1 log and keep reporting against the baseline, 2 panic the kernel. (default: 1)")
    var kintEnforce: Int?

    @Option(name: .long, help: ArgumentHelp("Seconds between timer validations of the kernel (kint-validate 2 and above). (default: 5)", valueName: "seconds"))
    var interval: Double?

    @Option(name: .customLong("msr-validate"), help: "1 compares every CPU's system call entry MSRs with the kernel's entry points and their values at start (needs the msr module); 0 does not. (default: 1)")
    var msrValidate: Int?

    @Option(name: .customLong("smep-validate"), help: "1 checks that SMEP and UMIP stay set in every CPU's CR4 (the kernel's copy); 0 does not. (default: 1)")
    var smepValidate: Int?

    @Option(name: .customLong("smap-validate"), help: "1 checks that SMAP stays set in every CPU's CR4 (the kernel's copy); 0 does not. (default: 1)")
    var smapValidate: Int?

    @Option(name: .customLong("sweep-interval"), help: ArgumentHelp("Seconds between sweeps of every task (pint-validate 2 and above). (default: 5)", valueName: "seconds"))
    var sweepInterval: Double?

    @Option(name: .customLong("umh-validate"), help: "Usermode helpers the kernel runs: 0 not checked, 1 only allowlisted ones and those run from modprobe_path/core_pattern as written through /proc/sys, 2 none at all. (default: 1)")
    var umhValidate: Int?

    @Option(name: .customLong("umh-enforce"), help: "A helper that may not run: 0 log it and let it run, 1 refuse its exec so it never runs, 2 also panic the kernel. (default: 1)")
    var umhEnforce: Int?

    @Option(name: .customLong("umh-allow"), help: ArgumentHelp("Also allow the usermode helper at this absolute path (repeatable; adds to the file's umh_allow).", valueName: "path"))
    var umhAllow: [String] = []

    @Option(name: .customLong("block-modules"), help: "1 refuses every further module load with EPERM; 0 lets them load. (default: 0)")
    var blockModules: Int?

    @Option(name: .customLong("module-allow"), help: ArgumentHelp("Only let modules with this name load (repeatable; the name the module gives itself; replaces the file's module_allow).", valueName: "name"))
    var moduleAllow: [String] = []

    @Flag(name: .long, help: "Print events as JSON Lines (schema in docs/events.md).")
    var json = false

    @Option(name: .customLong("metrics-textfile"), help: ArgumentHelp("Write Prometheus metrics to this file every 10 s (node_exporter's textfile collector, e.g. /var/lib/prometheus/node-exporter/vigil.prom).", valueName: "path"))
    var metricsTextfile: String?

    @Option(name: .customLong("control-socket"), help: ArgumentHelp("The root-only socket vigil status, set, events and check --now talk to; none for no socket.", valueName: "path"))
    var controlSocket: String = ControlServer.defaultPath

    @Option(name: .customLong("ready-file"), help: ArgumentHelp("Create this file once protection is in place.", valueName: "path"))
    var readyFile: String?

    @Option(name: .long, help: ArgumentHelp("Stop by itself after this many seconds.", valueName: "seconds"))
    var duration: Double?

    @Option(name: .customLong("log-level"), help: "Log level on standard error: trace, debug, info, notice, warning, error or critical. Kernel addresses appear only at debug and trace. (default: info)")
    var logLevel: Logger.Level?

    func validate() throws {
        if config != nil, noConfig {
            throw ValidationError("--config and --no-config cannot be used together.")
        }
        do {
            _ = try applyingOptions(to: .default)
        } catch let error as PolicyError {
            throw ValidationError("--\(error.key.replacingUnderscores()) \(error.value) is not allowed; use \(error.allowed).")
        }
        if let duration, duration <= 0 {
            throw ValidationError("--duration must be positive.")
        }
    }

    /// The configuration file's settings with every option given on the command line laid over them.
    func applyingOptions(to file: VigilConfiguration) throws -> VigilConfiguration {
        var result = file
        result.processIntegrity = try ProcessIntegrityPolicy(
            pintValidate: pintValidate ?? Int(file.processIntegrity.validation.rawValue),
            pintEnforce: pintEnforce ?? Int(file.processIntegrity.enforcement.rawValue)
        )
        let kernel = file.kernelIntegrity
        result.kernelIntegrity = try KernelIntegrityPolicy(
            kintValidate: kintValidate ?? Int(kernel.validation.rawValue),
            kintEnforce: kintEnforce ?? Int(kernel.enforcement.rawValue),
            interval: interval ?? kernel.interval,
            msrValidate: msrValidate ?? (kernel.msrValidate ? 1 : 0),
            smepValidate: smepValidate ?? (kernel.smepValidate ? 1 : 0),
            smapValidate: smapValidate ?? (kernel.smapValidate ? 1 : 0)
        )
        if let sweepInterval {
            guard VigilConfiguration.sweepIntervalRange.contains(sweepInterval) else {
                throw PolicyError(key: "sweep_interval", value: "\(sweepInterval)", allowed: "0.5 to 3600 seconds")
            }
            result.sweepInterval = sweepInterval
        }
        let helpers = file.usermodeHelpers
        let fileExtras = helpers.allowlist.filter { !UsermodeHelperAllowlist.builtIn.contains($0) }
        result.usermodeHelpers = try UsermodeHelperPolicy(
            umhValidate: umhValidate ?? Int(helpers.validation.rawValue),
            umhEnforce: umhEnforce ?? Int(helpers.enforcement.rawValue),
            extraPaths: fileExtras + umhAllow
        )
        result.modules = try ModuleLoadPolicy(
            blockModules: blockModules ?? (file.modules.blockModules ? 1 : 0),
            allowedNames: moduleAllow.isEmpty ? (file.modules.allowedNames ?? []) : moduleAllow
        )
        if json { result.jsonEvents = true }
        if let logLevel, let level = LogLevel(rawValue: logLevel.rawValue) { result.logLevel = level }
        return result
    }

    /// The file named by --config, else the default file when it exists, else nothing.
    func loadConfiguration() throws -> VigilConfiguration {
        let path: String
        if let config {
            path = config
        } else if !noConfig, KernelFileReader(root: .host).exists(VigilConfiguration.defaultPath) {
            path = VigilConfiguration.defaultPath
        } else {
            return try applyingOptions(to: .default)
        }
        let text: String
        do {
            text = try KernelFileReader(root: .host).readText(path)
        } catch {
            throw CommandFailure(message: "cannot read the configuration \(path): \(error)", exitCode: ExitStatus.configurationError)
        }
        do {
            return try applyingOptions(to: try VigilConfiguration.load(text: text, path: path))
        } catch let error as ConfigurationError {
            throw CommandFailure(message: "\(error); nothing was started", exitCode: ExitStatus.configurationError)
        } catch let error as PolicyError {
            throw CommandFailure(message: "--\(error.key.replacingUnderscores()) \(error.value) is not allowed; use \(error.allowed).", exitCode: ExitStatus.configurationError)
        }
    }

    func run() throws {
        // The whole configuration is checked before anything else: a bad file starts nothing.
        let configuration = try loadConfiguration()
        guard ProcessIdentity.effectiveUserID() == 0 else {
            throw CommandFailure(message: "vigil run must run as root: it loads BPF programs into the kernel.", exitCode: ExitStatus.needsRoot)
        }
        var logger = Logger(label: "vigil")
        let level = Logger.Level(rawValue: configuration.logLevel.rawValue) ?? .info
        logger.logLevel = level
        if let config = config ?? (noConfig ? nil : (configuration == .default ? nil : VigilConfiguration.defaultPath)) {
            logger.notice("configuration read", metadata: ["path": "\(config)"])
        }
        let output = EventPrinter(
            json: configuration.jsonEvents, includeKernelAddresses: level <= .debug, followers: EventFollowers(), tally: DetectionTally()
        )
        let guardian = ProcessIntegrityGuard(
            configuration: configuration,
            kernel: KernelIntegrityGuard(
                policy: configuration.kernelIntegrity,
                controlBits: .init(smep: configuration.smepEnforce, smap: configuration.smapEnforce),
                heartbeat: configuration.heartbeat,
                output: output, logger: logger
            ),
            helpersAndModules: HelperAndModuleGuard(helpers: configuration.usermodeHelpers, modules: configuration.modules, output: output, logger: logger),
            controlSocket: controlSocket == "none" ? nil : controlSocket,
            output: output,
            logger: logger
        )
        guardian.metricsTextfile = metricsTextfile.map(MetricsTextfile.init(path:))
        if config != nil || (!noConfig && KernelFileReader(root: .host).exists(VigilConfiguration.defaultPath)) {
            guardian.reload = { try self.loadConfiguration() }
        }
        try guardian.run(readyFile: readyFile, duration: duration)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

extension String {
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
