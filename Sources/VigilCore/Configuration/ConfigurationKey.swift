/// One key of vigil.toml: its name, its default as written in the file, and what its values mean.
///
/// The values a knob allows are stated by the policy that takes it (`PolicyError.allowed`);
/// this catalogue adds their meaning to messages, and suggests a key for a misspelt one.
public struct ConfigurationKey: Sendable, Equatable {
    public let name: String
    /// The default as written in vigil.toml; nil when the key is unset by default.
    public let defaultValue: String?
    /// What the values mean, for messages ("0 log, 1 prevent, 2 panic").
    public let meaning: String

    public init(name: String, defaultValue: String?, meaning: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.meaning = meaning
    }

    /// Every key, in the order of docs/configuration.md and config/vigil.toml.
    public static let all: [ConfigurationKey] = [
        ConfigurationKey(name: "profile_validate", defaultValue: nil, meaning: "0 disabled, 1 light, 2 balanced, 3 heavy, 4 paranoid, 9 custom"),
        ConfigurationKey(name: "profile_enforce", defaultValue: nil, meaning: "0 log and accept, 1 selective, 2 strict, 3 paranoid, 9 custom"),
        ConfigurationKey(name: "pint_validate", defaultValue: "2", meaning: "0 off, 1 the current task at hooks, 2 also sweep every task, 3 paranoid (as 2)"),
        ConfigurationKey(name: "pint_enforce", defaultValue: "1", meaning: "0 log and accept, 1 kill, 2 panic"),
        ConfigurationKey(name: "sweep_interval", defaultValue: "5", meaning: "seconds between sweeps of every task"),
        ConfigurationKey(name: "kint_validate", defaultValue: "3", meaning: "0 off, 1 on demand, 2 also on the timer, 3 also on module and hook events"),
        ConfigurationKey(name: "kint_enforce", defaultValue: "1", meaning: "0 log and accept, 1 log, 2 panic"),
        ConfigurationKey(name: "interval", defaultValue: "5", meaning: "seconds between timer validations of the kernel"),
        ConfigurationKey(name: "msr_validate", defaultValue: "1", meaning: "0 off, 1 on"),
        ConfigurationKey(name: "smep_validate", defaultValue: "1", meaning: "0 off, 1 on"),
        ConfigurationKey(name: "smep_enforce", defaultValue: nil, meaning: "0 log and accept, 2 panic"),
        ConfigurationKey(name: "smap_validate", defaultValue: "1", meaning: "0 off, 1 on"),
        ConfigurationKey(name: "smap_enforce", defaultValue: nil, meaning: "0 log and accept, 2 panic"),
        ConfigurationKey(name: "umh_validate", defaultValue: "1", meaning: "0 off, 1 allowlist, 2 block all"),
        ConfigurationKey(name: "umh_enforce", defaultValue: "1", meaning: "0 log, 1 prevent, 2 panic"),
        ConfigurationKey(name: "umh_allow", defaultValue: "[]", meaning: "absolute paths of helpers allowed besides the built-in list"),
        ConfigurationKey(name: "block_modules", defaultValue: "0", meaning: "0 allow loads, 1 block every load"),
        ConfigurationKey(name: "module_allow", defaultValue: "[]", meaning: "the only module names that may load; empty lets any load"),
        ConfigurationKey(name: "heartbeat", defaultValue: "0", meaning: "0 quiet, 1 log each kernel validation that found nothing"),
        ConfigurationKey(name: "log_level", defaultValue: "\"info\"", meaning: "trace, debug, info, notice, warning, error or critical, or LKRG's 0 to 6"),
        ConfigurationKey(name: "json_events", defaultValue: "false", meaning: "true prints events as JSON Lines"),
    ]

    public static func named(_ name: String) -> ConfigurationKey? {
        all.first { $0.name == name }
    }

    /// LKRG's parameters and sysctls that Vigil does not have, and why, so that a carried-over
    /// file gets an explanation rather than "unknown key".
    public static let lkrgOnly: [String: String] = [
        "pcfi_validate": "Vigil does not check kernel stack frames (LKRG's pCFI)",
        "pcfi_enforce": "Vigil does not check kernel stack frames (LKRG's pCFI)",
        "hide": "Vigil is a process and does not hide itself",
        "trigger": "to validate the kernel now, send SIGUSR1 to vigil run",
        "net_server_addr": "Vigil prints events on standard output (json_events = true) for a collector to forward",
        "net_server_port": "Vigil prints events on standard output (json_events = true) for a collector to forward",
        "net_server_pk": "Vigil prints events on standard output (json_events = true) for a collector to forward",
    ]

    /// Options of `vigil run` that belong on its command line, not in the file.
    static let commandLineOnly: [String: String] = [
        "json": "write json_events = true",
        "ready_file": "ready_file is an option of the vigil run command line (--ready-file), not of the file",
        "duration": "duration is an option of the vigil run command line (--duration), not of the file",
    ]

    /// The known key closest to `unknown`, when it is close enough to be a slip.
    public static func suggestion(for unknown: String) -> String? {
        let target = Array(unknown.lowercased().utf8)
        var best: (name: String, distance: Int)?
        for key in all {
            let distance = editDistance(target, Array(key.name.utf8))
            if distance < best?.distance ?? Int.max { best = (key.name, distance) }
        }
        guard let best else { return nil }
        let limit = target.count >= 10 ? 3 : 2
        if best.distance <= limit { return best.name }
        // A known key with something added: umh_allowlist, intervals.
        return all.map(\.name).filter { target.starts(with: $0.utf8) }.max { $0.count < $1.count }
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
