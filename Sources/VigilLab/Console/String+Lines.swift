extension String {
    /// The lines of the text, split at `\n`, `\r\n` or `\r`, keeping empty lines.
    ///
    /// Splitting on the character `"\n"` alone would not do: Swift treats `\r\n`, which serial
    /// consoles write, as a single character.
    var linesKeepingEmpty: [String] {
        split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }
}
