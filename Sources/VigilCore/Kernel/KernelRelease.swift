/// A kernel release string such as `6.1.0-56-amd64` or `6.12.117+deb12-amd64`,
/// with its leading version numbers parsed.
public struct KernelRelease: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(_ rawValue: String) throws(ParseError) {
        let trimmed = rawValue.trimmingNewlines()
        let numeric = trimmed.prefix { $0.isNumber || $0 == "." }
        let parts = numeric.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 3,
              let major = Int(parts[0]), let minor = Int(parts[1]) else {
            throw ParseError(format: "kernel release", location: .whole, reason: "'\(trimmed)' does not start with MAJOR.MINOR")
        }
        self.rawValue = trimmed
        self.major = major
        self.minor = minor
        self.patch = parts.count == 3 ? Int(parts[2]) ?? 0 : 0
    }

    /// `MAJOR.MINOR`, the series a lab scenario names (`6.1`, `6.12`).
    public var series: String { "\(major).\(minor)" }

    public var description: String { rawValue }

    public func isAtLeast(_ major: Int, _ minor: Int) -> Bool {
        (self.major, self.minor) >= (major, minor)
    }
}

extension KernelRelease {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do {
            try self.init(raw)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
