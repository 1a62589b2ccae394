/// Metrics in the Prometheus text exposition format (version 0.0.4), as the
/// node_exporter textfile collector and a /metrics endpoint serve them.
public struct PrometheusMetric: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case counter
        case gauge
    }

    public struct Sample: Sendable, Equatable {
        public var labels: [(String, String)]
        public var value: Double

        public init(labels: [(String, String)] = [], value: Double) {
            self.labels = labels
            self.value = value
        }

        public static func == (lhs: Sample, rhs: Sample) -> Bool {
            lhs.value == rhs.value && lhs.labels.map(\.0) == rhs.labels.map(\.0) && lhs.labels.map(\.1) == rhs.labels.map(\.1)
        }
    }

    public var name: String
    public var help: String
    public var kind: Kind
    public var samples: [Sample]

    public init(name: String, help: String, kind: Kind, samples: [Sample]) {
        self.name = name
        self.help = help
        self.kind = kind
        self.samples = samples
    }

    public init(name: String, help: String, kind: Kind, value: Double) {
        self.init(name: name, help: help, kind: kind, samples: [Sample(value: value)])
    }
}

public enum PrometheusExposition {
    /// The text of `metrics`, each with its HELP and TYPE lines.
    public static func render(_ metrics: [PrometheusMetric]) -> String {
        var lines: [String] = []
        for metric in metrics {
            lines.append("# HELP \(metric.name) \(escapeHelp(metric.help))")
            lines.append("# TYPE \(metric.name) \(metric.kind.rawValue)")
            for sample in metric.samples {
                let labels = sample.labels.isEmpty ? "" : "{" + sample.labels.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
                lines.append("\(metric.name)\(labels) \(format(sample.value))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func escapeHelp(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    static func escapeLabel(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\"": result += "\\\""
            default: result.append(character)
            }
        }
        return result
    }

    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
