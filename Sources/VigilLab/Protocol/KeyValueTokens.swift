/// The `key=value` tokens of one result record, in the order the guest wrote them.
public struct KeyValueTokens: Equatable, Sendable {
    /// One `key=value` token.
    public struct Token: Equatable, Sendable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The well-formed tokens.
    public var tokens: [Token]
    /// Words without `=` (or with an empty key), kept so the harness can report them.
    public var malformed: [String]

    public init(tokens: [Token] = [], malformed: [String] = []) {
        self.tokens = tokens
        self.malformed = malformed
    }

    /// Splits `a=1 b=2` on runs of spaces; the value is everything after the first `=`.
    public init(parsing text: Substring) {
        self.init()
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                malformed.append(String(word))
                continue
            }
            tokens.append(Token(key: String(word[..<equals]), value: String(word[word.index(after: equals)...])))
        }
    }

    /// The value of the first token with this key.
    public subscript(key: String) -> String? {
        tokens.first { $0.key == key }?.value
    }

    /// The value of the first token with this key, as an integer.
    public func integer(_ key: String) -> Int? {
        self[key].flatMap { Int($0) }
    }
}
