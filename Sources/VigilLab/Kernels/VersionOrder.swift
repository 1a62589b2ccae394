/// Orders kernel package names by the numbers in them, so `6.1.0-56` sorts after `6.1.0-9`.
///
/// Digit runs compare as numbers and everything else compares as text, which is enough for
/// names within one kernel series (`linux-image-6.12.9+deb12-…` < `linux-image-6.12.117+deb12-…`).
public enum VersionOrder {
    /// Whether `lhs` names an older version than `rhs`.
    public static func isOlder(_ lhs: String, than rhs: String) -> Bool {
        let left = chunks(lhs)
        let right = chunks(rhs)
        for (a, b) in zip(left, right) where a != b {
            switch (a, b) {
            case (.number(let x), .number(let y)): return x < y
            case (.text(let x), .text(let y)): return x < y
            case (.number, .text): return false
            case (.text, .number): return true
            }
        }
        return left.count < right.count
    }

    /// The newest of `names`, or `nil` when empty.
    public static func newest(_ names: [String]) -> String? {
        names.max { isOlder($0, than: $1) }
    }

    enum Chunk: Equatable {
        case number(Int)
        case text(String)
    }

    static func chunks(_ name: String) -> [Chunk] {
        var result: [Chunk] = []
        var current = ""
        var currentIsDigits = false
        func flush() {
            guard !current.isEmpty else { return }
            result.append(currentIsDigits ? .number(Int(current) ?? Int.max) : .text(current))
            current = ""
        }
        for character in name {
            let isDigit = character.isASCII && character.isNumber
            if isDigit != currentIsDigits {
                flush()
                currentIsDigits = isDigit
            }
            current.append(character)
        }
        flush()
        return result
    }
}
