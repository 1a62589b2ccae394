@preconcurrency import Glibc

/// Makes our stdout line-buffered even into a pipe, so that progress lines interleave correctly
/// with the output of the programs we run (apt-get) and appear as they happen in CI logs.
enum LineBufferedOutput {
    /// The C function is `setvbuf`.
    static func enable() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }
}
