/// The files a scenario becomes inside the guest, below `/lab/scenario/`.
///
/// `meta` holds shell assignments the guest init sources (`LAB_SCENARIO`, `LAB_GROUP`,
/// `LAB_EXPECT`, `LAB_TIMEOUT`, `LAB_DEADLINE_MS`); each present section becomes `<section>.sh`.
public struct ScenarioPayload: Sendable {
    /// Seconds of the scenario's timeout kept back for the guest's boot, the `DMESG` dump and power-off.
    public static let reserveSeconds = 15
    /// The shortest deadline the guest gets for its sections, in milliseconds of uptime.
    public static let minimumDeadlineMilliseconds = 5_000

    public var scenario: Scenario

    public init(scenario: Scenario) {
        self.scenario = scenario
    }

    /// Guest uptime by which the sections must be done; the init kills a section that runs past it
    /// so that the verdict, the logs and `DMESG` still reach the harness before its own timeout.
    public var deadlineMilliseconds: Int {
        max((scenario.timeoutSeconds - Self.reserveSeconds) * 1000, Self.minimumDeadlineMilliseconds)
    }

    public var files: [GuestFile] {
        var files = [GuestFile(path: "lab/scenario/meta", contents: meta)]
        for section in ScenarioSection.allCases {
            if let body = scenario.sections[section] {
                files.append(GuestFile(path: "lab/scenario/\(section.guestFileName)", contents: body, executable: true))
            }
        }
        return files
    }

    var meta: String {
        let assignments = [
            ("LAB_SCENARIO", scenario.name),
            ("LAB_GROUP", scenario.group),
            ("LAB_EXPECT", scenario.expect.rawValue),
            ("LAB_TIMEOUT", String(scenario.timeoutSeconds)),
            ("LAB_DEADLINE_MS", String(deadlineMilliseconds)),
        ]
        return assignments.map { "\($0.0)=\(ShellQuoting.quote($0.1))\n" }.joined()
    }
}

/// POSIX shell quoting.
public enum ShellQuoting {
    /// `value` in single quotes, safe to paste into any sh command line.
    public static func quote(_ value: String) -> String {
        "'" + value.replacingAll("'", with: "'\\''") + "'"
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target {
                result += replacement
            } else {
                result.append(character)
            }
        }
        return result
    }
}
