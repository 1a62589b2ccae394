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

        Exit status: 0 after an orderly stop, 1 when the sensors could not load, 77 when not run as root.
        """
    )

    @Option(name: .customLong("pint-validate"), help: "0 off, 1 check the current task at hooks, 2 also sweep every task on a timer, 3 paranoid (as 2 today).")
    var pintValidate: Int = 2

    @Option(name: .customLong("pint-enforce"), help: "0 log only, 1 refuse the operation and kill the process, 2 also panic the kernel.")
    var pintEnforce: Int = 1

    @Option(name: .customLong("kint-validate"), help: "Kernel integrity: 0 off, 1 only on demand (SIGUSR1), 2 also on a timer, 3 also at once on module loads, unloads and hook changes.")
    var kintValidate: Int = 3

    @Option(name: .customLong("kint-enforce"), help: "On kernel tampering: 0 log and accept the change, 1 log and keep reporting against the baseline, 2 panic the kernel.")
    var kintEnforce: Int = 1

    @Option(name: .long, help: ArgumentHelp("Seconds between timer validations of the kernel (kint-validate 2 and above).", valueName: "seconds"))
    var interval: Double = KernelIntegrityPolicy.defaultInterval

    @Option(name: .customLong("msr-validate"), help: "1 compares every CPU's system call entry MSRs with the kernel's entry points and their values at start (needs the msr module); 0 does not.")
    var msrValidate: Int = 1

    @Option(name: .customLong("smep-validate"), help: "1 checks that SMEP and UMIP stay set in every CPU's CR4 (the kernel's copy); 0 does not.")
    var smepValidate: Int = 1

    @Option(name: .customLong("smap-validate"), help: "1 checks that SMAP stays set in every CPU's CR4 (the kernel's copy); 0 does not.")
    var smapValidate: Int = 1

    @Option(name: .customLong("sweep-interval"), help: "Seconds between sweeps of every task (pint-validate 2 and above).")
    var sweepInterval: Double = 5

    @Option(name: .customLong("umh-validate"), help: "Usermode helpers the kernel runs: 0 not checked, 1 only allowlisted ones and those run from modprobe_path/core_pattern as written through /proc/sys, 2 none at all.")
    var umhValidate: Int = 1

    @Option(name: .customLong("umh-enforce"), help: "A helper that may not run: 0 log it and let it run, 1 refuse its exec so it never runs, 2 also panic the kernel.")
    var umhEnforce: Int = 1

    @Option(name: .customLong("umh-allow"), help: ArgumentHelp("Also allow the usermode helper at this absolute path (repeatable).", valueName: "path"))
    var umhAllow: [String] = []

    @Option(name: .customLong("block-modules"), help: "1 refuses every further module load with EPERM; 0 lets them load.")
    var blockModules: Int = 0

    @Option(name: .customLong("module-allow"), help: ArgumentHelp("Only let modules with this name load (repeatable; the name the module gives itself).", valueName: "name"))
    var moduleAllow: [String] = []

    @Flag(name: .long, help: "Print events as JSON Lines (schema in docs/events.md).")
    var json = false

    @Option(name: .customLong("ready-file"), help: ArgumentHelp("Create this file once protection is in place.", valueName: "path"))
    var readyFile: String?

    @Option(name: .long, help: ArgumentHelp("Stop by itself after this many seconds.", valueName: "seconds"))
    var duration: Double?

    @Option(name: .customLong("log-level"), help: "Log level on standard error: trace, debug, info, notice, warning, error or critical. Kernel addresses appear only at debug and trace.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        do {
            _ = try ProcessIntegrityPolicy(pintValidate: pintValidate, pintEnforce: pintEnforce)
        } catch {
            throw ValidationError("--\(error.key.replacingUnderscores()) \(error.value) is not allowed; use \(error.allowed).")
        }
        do {
            _ = try KernelIntegrityPolicy(
                kintValidate: kintValidate, kintEnforce: kintEnforce, interval: interval,
                msrValidate: msrValidate, smepValidate: smepValidate, smapValidate: smapValidate
            )
        } catch {
            throw ValidationError("--\(error.key.replacingUnderscores()) \(error.value) is not allowed; use \(error.allowed).")
        }
        do {
            _ = try UsermodeHelperPolicy(umhValidate: umhValidate, umhEnforce: umhEnforce, extraPaths: umhAllow)
            _ = try ModuleLoadPolicy(blockModules: blockModules, allowedNames: moduleAllow)
        } catch {
            throw ValidationError("--\(error.key.replacingUnderscores()) \(error.value) is not allowed; use \(error.allowed).")
        }
        guard sweepInterval >= 0.5, sweepInterval <= 3600 else {
            throw ValidationError("--sweep-interval \(sweepInterval) is out of range; use 0.5 to 3600 seconds.")
        }
        if let duration, duration <= 0 {
            throw ValidationError("--duration must be positive.")
        }
    }

    func run() throws {
        guard ProcessIdentity.effectiveUserID() == 0 else {
            throw CommandFailure(message: "vigil run must run as root: it loads BPF programs into the kernel.", exitCode: ExitStatus.needsRoot)
        }
        var logger = Logger(label: "vigil")
        logger.logLevel = logLevel
        let policy = try ProcessIntegrityPolicy(pintValidate: pintValidate, pintEnforce: pintEnforce)
        let output = EventPrinter(json: json, includeKernelAddresses: logLevel <= .debug)
        let kernelPolicy = try KernelIntegrityPolicy(
            kintValidate: kintValidate, kintEnforce: kintEnforce, interval: interval,
            msrValidate: msrValidate, smepValidate: smepValidate, smapValidate: smapValidate
        )
        let helpers = try UsermodeHelperPolicy(umhValidate: umhValidate, umhEnforce: umhEnforce, extraPaths: umhAllow)
        let modules = try ModuleLoadPolicy(blockModules: blockModules, allowedNames: moduleAllow)
        let guardian = ProcessIntegrityGuard(
            policy: policy,
            sweepInterval: sweepInterval,
            kernel: KernelIntegrityGuard(policy: kernelPolicy, output: output, logger: logger),
            helpersAndModules: HelperAndModuleGuard(helpers: helpers, modules: modules, output: output, logger: logger),
            output: output,
            logger: logger
        )
        try guardian.run(readyFile: readyFile, duration: duration)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

extension String {
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
