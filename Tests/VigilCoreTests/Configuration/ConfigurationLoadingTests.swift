import Testing
@testable import VigilCore

@Suite("configuration file: keys and values")
struct ConfigurationLoadingTests {
    @Test func anEmptyFileIsTheDefaults() throws {
        #expect(try VigilConfiguration.load(text: "", path: "empty.toml") == .default)
        #expect(try VigilConfiguration.load(text: "# nothing but a comment\n\n", path: "empty.toml") == .default)
    }

    @Test func readsEveryKey() throws {
        let configuration = try VigilConfiguration.load(text: CoreFixture.text("config/every-key.toml"), path: "every-key.toml")
        #expect(configuration.processIntegrity == ProcessIntegrityPolicy(validation: .current, enforcement: .log))
        #expect(configuration.sweepInterval == 2.5)
        #expect(configuration.kernelIntegrity == KernelIntegrityPolicy(
            validation: .periodic, enforcement: .logAndAccept, interval: 30, msrValidate: false, smepValidate: false, smapValidate: true
        ))
        #expect(configuration.smepEnforce == .logAndAccept)
        #expect(configuration.smapEnforce == .panic)
        #expect(configuration.usermodeHelpers.validation == .blockAll)
        #expect(configuration.usermodeHelpers.enforcement == .panic)
        #expect(configuration.usermodeHelpers.allowlist == UsermodeHelperAllowlist.builtIn + ["/usr/local/sbin/site-helper", "/opt/vendor/bin/helper"])
        #expect(configuration.modules == ModuleLoadPolicy(blockModules: true, allowedNames: ["ext4", "nf_tables"]))
        #expect(configuration.heartbeat)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.jsonEvents)
    }

    @Test func takesBooleansForOnOffKnobs() throws {
        let on = try VigilConfiguration.load(text: "block_modules = true\nmsr_validate = false\nheartbeat = true", path: "x")
        #expect(on.modules.blockModules)
        #expect(!on.kernelIntegrity.msrValidate)
        #expect(on.heartbeat)
    }

    @Test(arguments: [
        ("\"trace\"", LogLevel.trace), ("\"critical\"", .critical), ("'warning'", .warning),
        ("0", .critical), ("1", .notice), ("2", .notice), ("3", .notice), ("4", .info), ("5", .debug), ("6", .trace),
    ])
    func readsLogLevelsByNameOrLKRGNumber(written: String, level: LogLevel) throws {
        #expect(try VigilConfiguration.load(text: "log_level = \(written)", path: "x").logLevel == level)
    }

    @Test func intervalsTakeIntegersAndDecimals() throws {
        #expect(try VigilConfiguration.load(text: "interval = 15", path: "x").kernelIntegrity.interval == 15)
        #expect(try VigilConfiguration.load(text: "interval = 0.5\nsweep_interval = 3_600", path: "x").kernelIntegrity.interval == 0.5)
        #expect(try VigilConfiguration.load(text: "sweep_interval = 3_600", path: "x").sweepInterval == 3600)
    }

    @Test(arguments: [
        ("umh_enforce = 5", "umh_enforce = 5 is not allowed; use 0, 1 or 2 (0 log, 1 prevent, 2 panic)"),
        ("umh_validate = -1", "umh_validate = -1 is not allowed; use 0, 1 or 2 (0 off, 1 allowlist, 2 block all)"),
        ("pint_validate = 4", "pint_validate = 4 is not allowed; use 0, 1, 2 or 3 (0 off, 1 the current task at hooks, 2 also sweep every task, 3 paranoid (as 2))"),
        ("pint_enforce = 3", "pint_enforce = 3 is not allowed; use 0, 1 or 2 (0 log and accept, 1 kill, 2 panic)"),
        ("kint_validate = 9", "kint_validate = 9 is not allowed; use 0, 1, 2 or 3 (0 off, 1 on demand, 2 also on the timer, 3 also on module and hook events)"),
        ("kint_enforce = 3", "kint_enforce = 3 is not allowed; use 0, 1 or 2 (0 log and accept, 1 log, 2 panic)"),
        ("msr_validate = 2", "msr_validate = 2 is not allowed; use 0 or 1 (0 off, 1 on)"),
        ("smap_validate = -1", "smap_validate = -1 is not allowed; use 0 or 1 (0 off, 1 on)"),
        ("block_modules = 2", "block_modules = 2 is not allowed; use 0 or 1 (0 allow loads, 1 block every load)"),
        ("heartbeat = 2", "heartbeat = 2 is not allowed; use 0 or 1 (0 quiet, 1 log each kernel validation that found nothing)"),
        ("interval = 7200", "interval = 7200 is not allowed; use 0.5 to 3600 seconds"),
        ("interval = 0.1", "interval = 0.1 is not allowed; use 0.5 to 3600 seconds"),
        ("sweep_interval = 0", "sweep_interval = 0 is not allowed; use 0.5 to 3600 seconds"),
        ("smep_enforce = 1", "smep_enforce = 1 is not possible: LKRG's 1 restores the CR4 bit from inside the kernel, and Vigil loads no kernel module; use 0 (log and accept) or 2 (panic), or leave smep_enforce out to follow kint_enforce"),
        ("smap_enforce = 3", "smap_enforce = 3 is not allowed; use 0 or 2 (0 log and accept, 2 panic)"),
        ("profile_validate = 5", "profile_validate = 5 is not allowed; use 0, 1, 2, 3, 4 or 9 (0 disabled, 1 light, 2 balanced, 3 heavy, 4 paranoid, 9 custom)"),
        ("profile_enforce = 4", "profile_enforce = 4 is not allowed; use 0, 1, 2, 3 or 9 (0 log and accept, 1 selective, 2 strict, 3 paranoid, 9 custom)"),
        ("log_level = \"loud\"", "log_level = \"loud\" is not allowed; use trace, debug, info, notice, warning, error or critical, or LKRG's 0 to 6"),
        ("log_level = 7", "log_level = 7 is not allowed; use trace, debug, info, notice, warning, error or critical, or LKRG's 0 to 6"),
        ("module_allow = [\"bad.ko\"]", "module_allow \"bad.ko\" is not allowed; use a module name of letters, digits, '_' and '-', at most 55 bytes"),
        ("umh_allow = ['helper']", "umh_allow 'helper' is not allowed; use an absolute path of at most 255 bytes without NUL or newline"),
    ])
    func refusesValuesOutOfRange(text: String, message: String) {
        expectRefusal("# line 1\n\n" + text, line: 3, message: message)
    }

    @Test(arguments: [
        ("interval = \"5\"", "interval must be a number of seconds, not a string"),
        ("sweep_interval = true", "sweep_interval must be a number of seconds, not a boolean"),
        ("kint_validate = 2.0", "kint_validate must be an integer, not a decimal number (0 off, 1 on demand, 2 also on the timer, 3 also on module and hook events)"),
        ("umh_enforce = \"1\"", "umh_enforce must be an integer, not a string (0 log, 1 prevent, 2 panic)"),
        ("profile_validate = [3]", "profile_validate must be an integer, not an array (0 disabled, 1 light, 2 balanced, 3 heavy, 4 paranoid, 9 custom)"),
        ("block_modules = \"yes\"", "block_modules must be 0 or 1 (or false or true), not a string (0 allow loads, 1 block every load)"),
        ("umh_allow = \"/sbin/x\"", "umh_allow must be an array of strings, such as [\"/usr/local/sbin/helper\"], not a string"),
        ("module_allow = 1", "module_allow must be an array of strings, such as [\"ext4\", \"nf_tables\"], not an integer"),
        ("log_level = true", "log_level must be a level name in quotes, such as \"info\", or LKRG's 0 to 6, not a boolean"),
        ("json_events = 1", "json_events must be true or false, not an integer"),
    ])
    func refusesValuesOfTheWrongType(text: String, message: String) {
        expectRefusal(text, line: 1, message: message)
    }

    @Test(arguments: [
        ("kint_valdate = 3", "unknown key 'kint_valdate'; did you mean 'kint_validate'?"),
        ("pint-validate = 1", "unknown key 'pint-validate'; did you mean 'pint_validate'?"),
        ("intervall = 5", "unknown key 'intervall'; did you mean 'interval'?"),
        ("umh_allowlist = []", "unknown key 'umh_allowlist'; did you mean 'umh_allow'?"),
        ("LOG_LEVEL = 'info'", "unknown key 'LOG_LEVEL'; did you mean 'log_level'?"),
        ("frobnicate = 1", "unknown key 'frobnicate'; docs/configuration.md lists every key"),
        ("json = true", "unknown key 'json'; write json_events = true"),
        ("pcfi_validate = 2", "pcfi_validate is an LKRG knob that Vigil does not have (Vigil does not check kernel stack frames (LKRG's pCFI)); remove it"),
        ("hide = 1", "hide is an LKRG knob that Vigil does not have (Vigil is a process and does not hide itself); remove it"),
        ("trigger = 1", "trigger is an LKRG knob that Vigil does not have (to validate the kernel now, send SIGUSR1 to vigil run); remove it"),
    ])
    func refusesUnknownKeysWithASuggestion(text: String, message: String) {
        expectRefusal(text, line: 1, message: message)
    }

    @Test func pointsAtTheArrayElementRefused() {
        expectRefusal("umh_allow = [\n  \"/usr/local/sbin/ok\",\n  \"relative\",\n]", line: 3,
                      message: "umh_allow \"relative\" is not allowed; use an absolute path of at most 255 bytes without NUL or newline")
        expectRefusal("module_allow = [\n  'ext4',\n  7,\n]", line: 3, message: "module_allow must hold only strings; 7 is an integer")
    }

    @Test func refusesTables() {
        expectRefusal("umh_enforce = 1\n\n[umh]\nenforce = 1", line: 3,
                      message: "[umh] is not a section of this file; every key sits at the top level under its LKRG name (umh_enforce, block_modules, …)")
    }

    @Test func reportsTheFirstProblemInFileOrder() {
        expectRefusal("kint_validate = 9\npint_enforce = 9", line: 1,
                      message: "kint_validate = 9 is not allowed; use 0, 1, 2 or 3 (0 off, 1 on demand, 2 also on the timer, 3 also on module and hook events)")
        expectRefusal("pint_enforce = 1\numh_enforce = 1\nkint_valdate = 1\npint_validate = 9", line: 3,
                      message: "unknown key 'kint_valdate'; did you mean 'kint_validate'?")
    }

    @Test func syntaxIsCheckedBeforeKeys() {
        expectRefusal("kint_valdate = 1\npint_enforce = 1\npint_enforce = 1", line: 3, message: "duplicate key 'pint_enforce'; it was first set on line 2")
    }

    @Test func aBadLastLineLeavesNothingConfigured() {
        let text = "profile_validate = 4\nprofile_enforce = 3\nblock_modules = 1\nlog_level = \"debug\"\nheartbeat = 3\n"
        #expect(throws: ConfigurationError.self) { try VigilConfiguration.load(text: text, path: "x") }
    }

    @Test func theErrorNamesTheFileLineAndKey() throws {
        let text = try CoreFixture.text("config/typo.toml")
        do {
            _ = try VigilConfiguration.load(text: text, path: "/etc/vigil/vigil.toml")
            Issue.record("typo.toml must be refused")
        } catch {
            #expect(error == ConfigurationError(path: "/etc/vigil/vigil.toml", line: 4, key: "kint_valdate", message: "unknown key 'kint_valdate'; did you mean 'kint_validate'?"))
            #expect(error.description == "/etc/vigil/vigil.toml:4: unknown key 'kint_valdate'; did you mean 'kint_validate'?")
        }
    }

    @Test func matchesTheIssuesExample() {
        let text = String(repeating: "\n", count: 11) + "umh_enforce = 5\n"
        do {
            _ = try VigilConfiguration.load(text: text, path: VigilConfiguration.defaultPath)
            Issue.record("must be refused")
        } catch {
            #expect(error.description == "/etc/vigil/vigil.toml:12: umh_enforce = 5 is not allowed; use 0, 1 or 2 (0 log, 1 prevent, 2 panic)")
            #expect(error.key == "umh_enforce")
        }
    }

    private func expectRefusal(_ text: String, line: Int, message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let configuration = try VigilConfiguration.load(text: text, path: "vigil.toml")
            Issue.record("\(text.debugDescription) must be refused, got \(configuration)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.message == message, sourceLocation: sourceLocation)
            #expect(error.line == line, sourceLocation: sourceLocation)
            #expect(error.description == "vigil.toml:\(line): \(message)", sourceLocation: sourceLocation)
        }
    }
}
