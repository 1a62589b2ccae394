extension VigilConfiguration {
    /// Reads a whole configuration file and validates every key before returning anything:
    /// the first problem is thrown with the file, line and key (the syntax of the whole file
    /// is checked first, then the keys in file order), and no configuration exists until all
    /// of it is right. Pure: `text` is the file's content.
    ///
    /// A profile (`profile_validate`, `profile_enforce`) sets its group of knobs first; a knob
    /// written in the file overrides it wherever it appears.
    public static func load(text: String, path: String = defaultPath) throws(ConfigurationError) -> VigilConfiguration {
        try VigilConfiguration(document: TOMLDocument(text: text, path: path))
    }

    /// Validates a parsed file (see `load(text:path:)`).
    public init(document: TOMLDocument) throws(ConfigurationError) {
        var reader = ConfigurationReader(document: document)
        self = try reader.read()
    }
}
