/// The types of values, and the messages for what is wrong with them.
extension ConfigurationReader {
    func integer(_ entry: TOMLDocument.Entry) throws(ConfigurationError) -> Int {
        guard let value = entry.value.integer else {
            throw message(entry, "\(entry.key) must be an integer, not \(entry.value.kindDescription)\(meaning(entry.key))")
        }
        return value
    }

    /// 0 or 1; `false` and `true` are taken for them.
    func onOff(_ entry: TOMLDocument.Entry) throws(ConfigurationError) -> Int {
        if let value = entry.value.boolean { return value ? 1 : 0 }
        guard let value = entry.value.integer else {
            throw message(entry, "\(entry.key) must be 0 or 1 (or false or true), not \(entry.value.kindDescription)\(meaning(entry.key))")
        }
        return value
    }

    func seconds(_ entry: TOMLDocument.Entry) throws(ConfigurationError) -> Double {
        guard let value = entry.value.number else {
            throw message(entry, "\(entry.key) must be a number of seconds, not \(entry.value.kindDescription)")
        }
        return value
    }

    func strings(_ entry: TOMLDocument.Entry, example: String) throws(ConfigurationError) -> [TOMLValue] {
        guard let elements = entry.value.array else {
            throw message(entry, "\(entry.key) must be an array of strings, such as \(example), not \(entry.value.kindDescription)")
        }
        for element in elements where element.string == nil {
            throw ConfigurationError(
                path: document.path, line: element.line, key: entry.key,
                message: "\(entry.key) must hold only strings; \(element.text) is \(element.kindDescription)"
            )
        }
        return elements
    }

    func level(_ entry: TOMLDocument.Entry) throws(ConfigurationError) -> LogLevel {
        let allowed = "trace, debug, info, notice, warning, error or critical, or LKRG's 0 to 6"
        switch entry.value.content {
        case .string(let name):
            guard let level = LogLevel(rawValue: name) else { throw notAllowed(entry, use: allowed, withMeaning: false) }
            return level
        case .integer(let number):
            guard let level = LogLevel(lkrgLevel: number) else { throw notAllowed(entry, use: allowed, withMeaning: false) }
            return level
        default:
            throw message(entry, "log_level must be a level name in quotes, such as \"info\", or LKRG's 0 to 6, not \(entry.value.kindDescription)")
        }
    }

    // MARK: Errors

    func unknown(_ entry: TOMLDocument.Entry) -> ConfigurationError {
        if let why = ConfigurationKey.lkrgOnly[entry.key] {
            return message(entry, "\(entry.key) is an LKRG knob that Vigil does not have (\(why)); remove it")
        }
        if let hint = ConfigurationKey.commandLineOnly[entry.key] {
            return message(entry, "unknown key '\(entry.key)'; \(hint)")
        }
        if let suggestion = ConfigurationKey.suggestion(for: entry.key) {
            return message(entry, "unknown key '\(entry.key)'; did you mean '\(suggestion)'?")
        }
        return message(entry, "unknown key '\(entry.key)'; docs/configuration.md lists every key")
    }

    /// Maps a policy's refusal to the line of the value, or of the array element, refused.
    func checked(
        _ entry: TOMLDocument.Entry, element: TOMLValue? = nil, _ check: () throws(PolicyError) -> Void
    ) throws(ConfigurationError) {
        do {
            try check()
        } catch {
            let written = element.map { "\(entry.key) \($0.text)" } ?? "\(entry.key) = \(entry.value.text)"
            throw ConfigurationError(
                path: document.path, line: element?.line ?? entry.value.line, key: entry.key,
                message: "\(written) is not allowed; use \(error.allowed)\(element == nil ? meaning(entry.key) : "")"
            )
        }
    }

    func notAllowed(_ entry: TOMLDocument.Entry, use allowed: String, withMeaning: Bool) -> ConfigurationError {
        message(entry, "\(entry.key) = \(entry.value.text) is not allowed; use \(allowed)\(withMeaning ? meaning(entry.key) : "")")
    }

    func message(_ entry: TOMLDocument.Entry, _ text: String) -> ConfigurationError {
        ConfigurationError(path: document.path, line: entry.value.line, key: entry.key, message: text)
    }

    /// " (0 log, 1 prevent, 2 panic)" for knobs whose values are numbered choices.
    func meaning(_ key: String) -> String {
        guard let meaning = ConfigurationKey.named(key)?.meaning, meaning.first?.isNumber == true else { return "" }
        return " (\(meaning))"
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))" : "\(seconds)"
    }
}
