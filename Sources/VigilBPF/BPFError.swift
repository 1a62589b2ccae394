/// A failure in the BPF layer, with libbpf's errno and the tail of its log
/// (the verifier's explanation when a program is rejected).
public struct BPFError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var errno: Int32
    public var log: [String]

    public init(operation: String, errno: Int32, log: [String] = []) {
        self.operation = operation
        self.errno = errno
        self.log = log
    }

    public var description: String {
        var text = "\(operation) failed (errno \(errno))"
        if !log.isEmpty {
            text += "; libbpf said:\n" + log.suffix(40).joined(separator: "\n")
        }
        return text
    }
}
