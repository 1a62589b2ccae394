/// Parses the kernel's CPU lists (`/sys/devices/system/cpu/online`,
/// `possible`, `present`): comma-separated numbers and ranges, `0-3,5,8-11`.
public enum CPUListParser {
    /// The highest CPU number accepted (the kernel's NR_CPUS is at most 8192).
    public static let limit = 1 << 16

    /// The CPUs listed, ascending and without repeats; empty for an empty list.
    public static func parse(_ text: String) throws(ParseError) -> [Int] {
        let list = text.split(whereSeparator: \.isWhitespace).joined()
        guard !list.isEmpty else { return [] }
        var cpus = Set<Int>()
        for item in list.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 1 || bounds.count == 2, let first = number(bounds[0]), let last = number(bounds[bounds.count - 1]) else {
                throw ParseError(format: "CPU list", location: .whole, reason: "'\(item)' is not a CPU number or range")
            }
            guard first <= last else {
                throw ParseError(format: "CPU list", location: .whole, reason: "range '\(item)' runs backwards")
            }
            cpus.formUnion(first...last)
        }
        return cpus.sorted()
    }

    /// The kernel's form of a list of CPUs: `0-3,5`.
    public static func format(_ cpus: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        let sorted = Array(Set(cpus)).sorted()
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end == index ? "\(sorted[index])" : "\(sorted[index])-\(sorted[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text), value >= 0, value < limit else { return nil }
        return value
    }
}
