import CLibBPF
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The libbpf library Vigil's sensors are loaded through.
public enum LibBPF {
    /// The version of the libbpf linked into this binary, for example `1.1`.
    public static var version: String {
        "\(libbpf_major_version()).\(libbpf_minor_version())"
    }

    /// Routes libbpf's messages into a bounded buffer, so that a failure can
    /// carry the verifier's explanation. Idempotent.
    static func captureLog() {
        _ = installed
    }

    /// The most recent libbpf messages, oldest first.
    static func recentLog() -> [String] {
        LibBPFLog.shared.withLock { $0 }
    }

    static func clearLog() {
        LibBPFLog.shared.withLock { $0.removeAll() }
    }

    private static let installed: Bool = {
        libbpf_set_print { level, format, arguments in
            guard let format, let arguments, level != LIBBPF_DEBUG else { return 0 }
            var buffer = [CChar](repeating: 0, count: 1 << 18)
            _ = vsnprintf(&buffer, buffer.count, format, arguments)
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            LibBPFLog.shared.withLock { log in
                log.append(contentsOf: line.split(separator: "\n").map(String.init))
                if log.count > 4000 { log.removeFirst(log.count - 4000) }
            }
            return 0
        }
        return true
    }()
}

enum LibBPFLog {
    static let shared = Mutex<[String]>([])
}

/// The current thread's errno (libbpf reports failures through it).
func currentErrno() -> Int32 {
    errno
}
