/// One request on vigil's control socket: a JSON object on one line.
public struct ControlRequest: Sendable, Codable, Equatable {
    public enum Command: String, Sendable, Codable {
        /// What is protected and how, the last check, counters.
        case status
        /// Change one knob at run time.
        case set
        /// Validate the kernel now.
        case check
        /// Stream every event from now on, one JSON line each, until the client goes.
        case events
    }

    public var command: Command
    public var key: String?
    public var value: String?

    public init(command: Command, key: String? = nil, value: String? = nil) {
        self.command = command
        self.key = key
        self.value = value
    }
}

/// The answer to a request: one JSON object on one line (for `events`, the first line).
public struct ControlResponse: Sendable, Codable, Equatable {
    public var ok: Bool
    public var error: String?
    public var status: DaemonStatus?
    /// `set`: the knob and its value before and after.
    public var setting: SettingChange?
    /// `check`: what the validation found.
    public var check: CheckOutcome?

    public init(ok: Bool, error: String? = nil, status: DaemonStatus? = nil, setting: SettingChange? = nil, check: CheckOutcome? = nil) {
        self.ok = ok
        self.error = error
        self.status = status
        self.setting = setting
        self.check = check
    }

    public static func failure(_ message: String) -> ControlResponse {
        ControlResponse(ok: false, error: message)
    }
}

public struct SettingChange: Sendable, Codable, Equatable {
    public var key: String
    public var previous: [String: String]
    public var current: [String: String]

    public init(key: String, previous: [String: String], current: [String: String]) {
        self.key = key
        self.previous = previous
        self.current = current
    }
}

public struct CheckOutcome: Sendable, Codable, Equatable {
    public var findings: Int
    public var alerts: Int
    public var seconds: Double

    public init(findings: Int, alerts: Int, seconds: Double) {
        self.findings = findings
        self.alerts = alerts
        self.seconds = seconds
    }
}

/// What `vigil status` shows.
public struct DaemonStatus: Sendable, Codable, Equatable {
    public struct Protection: Sendable, Codable, Equatable {
        public var name: String
        public var active: Bool
        public var detail: String

        public init(name: String, active: Bool, detail: String) {
            self.name = name
            self.active = active
            self.detail = detail
        }
    }

    public struct LastCheck: Sendable, Codable, Equatable {
        public var trigger: String
        public var secondsAgo: Double
        public var seconds: Double
        public var alerts: Int

        public init(trigger: String, secondsAgo: Double, seconds: Double, alerts: Int) {
            self.trigger = trigger
            self.secondsAgo = secondsAgo
            self.seconds = seconds
            self.alerts = alerts
        }
    }

    public var version: String
    public var pid: Int32
    public var uptimeSeconds: Double
    /// Every knob, by its vigil.toml name.
    public var settings: [String: String]
    public var protections: [Protection]
    public var lastCheck: LastCheck?
    public var counters: [String: UInt64]

    public init(version: String, pid: Int32, uptimeSeconds: Double, settings: [String: String], protections: [Protection], lastCheck: LastCheck?, counters: [String: UInt64]) {
        self.version = version
        self.pid = pid
        self.uptimeSeconds = uptimeSeconds
        self.settings = settings
        self.protections = protections
        self.lastCheck = lastCheck
        self.counters = counters
    }
}
