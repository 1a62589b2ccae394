import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// SIGHUP asks `vigil run` to read its configuration file again and apply it.
enum ReloadSignal {
    static let pending = Atomic<Bool>(false)

    static func install() {
        signal(SIGHUP) { _ in
            ReloadSignal.pending.store(true, ordering: .relaxed)
        }
    }

    /// True once per SIGHUP received.
    static func take() -> Bool {
        pending.exchange(false, ordering: .relaxed)
    }
}
