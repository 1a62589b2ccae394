extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isBlank($0) }),
              let end = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[start...end])
    }

    /// The string up to a `#` that starts the line or follows a space or tab.
    func removingComment() -> String {
        var previous: Character = " "
        for index in indices {
            let character = self[index]
            if character == "#", previous == " " || previous == "\t" {
                return String(self[..<index])
            }
            previous = character
        }
        return self
    }
}
