import ArgumentParser

/// The exit codes `vigil` documents in its help (sysexits.h values).
enum ExitStatus {
    /// The command needs root (`EX_NOPERM`).
    static let needsRoot = ExitCode(77)
    /// Input or kernel data could not be used (`EX_DATAERR`).
    static let dataError = ExitCode(65)
    /// The configuration is not valid (`EX_CONFIG`).
    static let configurationError = ExitCode(78)
}
