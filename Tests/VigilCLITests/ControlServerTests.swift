import Logging
import Testing
import VigilCore
@testable import VigilCLI

@Suite("control socket requests")
struct ControlServerTests {
    final class FakeDaemon: ControlledDaemon {
        var configuration = VigilConfiguration.default
        var checks = 0

        func status() -> DaemonStatus {
            DaemonStatus(version: "t", pid: 1, uptimeSeconds: 2, settings: RuntimeSetting.describe(configuration), protections: [], lastCheck: nil, counters: ["x": 1])
        }

        func apply(key: String, value: String) throws -> SettingChange {
            let previous = configuration
            configuration = try RuntimeSetting.apply(key: key, value: value, to: configuration)
            return RuntimeSetting.change(key: key, from: previous, to: configuration)
        }

        func checkNow() -> CheckOutcome? {
            checks += 1
            return CheckOutcome(findings: 0, alerts: 0, seconds: 0.1)
        }
    }

    let logger = Logger(label: "test")

    @Test func answersStatusSetCheckAndEvents() {
        let daemon = FakeDaemon()
        let (status, _) = ControlServer.answer(#"{"command":"status"}"#, daemon: daemon, logger: logger)
        #expect(status.ok && status.status?.settings["pint_enforce"] == "1")
        let (set, _) = ControlServer.answer(#"{"command":"set","key":"pint_enforce","value":"0"}"#, daemon: daemon, logger: logger)
        #expect(set.ok)
        #expect(set.setting?.previous == ["pint_enforce": "1", "profile_enforce": "9"] || set.setting?.previous["pint_enforce"] == "1")
        #expect(set.setting?.current["pint_enforce"] == "0")
        #expect(daemon.configuration.processIntegrity.enforcement == .log)
        let (check, _) = ControlServer.answer(#"{"command":"check"}"#, daemon: daemon, logger: logger)
        #expect(check.ok && check.check?.seconds == 0.1 && daemon.checks == 1)
        let (events, follow) = ControlServer.answer(#"{"command":"events"}"#, daemon: daemon, logger: logger)
        #expect(events.ok && follow)
    }

    @Test func refusesBadRequestsWithAReason() {
        let daemon = FakeDaemon()
        #expect(ControlServer.answer("hello", daemon: daemon, logger: logger).0.error == "not a request: hello")
        #expect(ControlServer.answer(#"{"command":"set","key":"pint_enforce"}"#, daemon: daemon, logger: logger).0.error == "set needs a key and a value")
        let refused = ControlServer.answer(#"{"command":"set","key":"pint_enforce","value":"9"}"#, daemon: daemon, logger: logger).0
        #expect(!refused.ok)
        #expect(refused.error?.contains("pint_enforce = 9 is not allowed") == true)
        #expect(daemon.configuration == .default)
    }

    @Test func responsesAreOneLine() {
        let line = ControlServer.encode(ControlResponse(ok: true, status: FakeDaemon().status()))
        #expect(!line.contains("\n"))
    }
}
