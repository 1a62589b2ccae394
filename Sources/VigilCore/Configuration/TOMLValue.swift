/// A value of a configuration file, with the line it starts on and its text as written.
public struct TOMLValue: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case string(String)
        case integer(Int)
        case float(Double)
        case boolean(Bool)
        /// Scalars only: arrays do not nest.
        case array([TOMLValue])
    }

    public var content: Content
    /// The line (from 1) the value starts on.
    public var line: Int
    /// The value as written, quotes and escapes included, for messages.
    public var text: String

    public init(_ content: Content, line: Int, text: String) {
        self.content = content
        self.line = line
        self.text = text
    }

    /// "a string", "an integer", … for messages.
    public var kindDescription: String {
        switch content {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a decimal number"
        case .boolean: "a boolean"
        case .array: "an array"
        }
    }

    public var string: String? {
        if case .string(let value) = content { return value }
        return nil
    }

    public var integer: Int? {
        if case .integer(let value) = content { return value }
        return nil
    }

    public var boolean: Bool? {
        if case .boolean(let value) = content { return value }
        return nil
    }

    /// An integer or a decimal number, as a number of seconds is written.
    public var number: Double? {
        switch content {
        case .integer(let value): Double(value)
        case .float(let value): value
        default: nil
        }
    }

    public var array: [TOMLValue]? {
        if case .array(let values) = content { return values }
        return nil
    }
}
