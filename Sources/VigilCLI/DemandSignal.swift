import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// SIGUSR1 asks `vigil run` for a kernel-integrity check at once (kint_validate 1 and above).
enum DemandSignal {
    static let pending = Atomic<Bool>(false)

    static func install() {
        signal(SIGUSR1) { _ in
            DemandSignal.pending.store(true, ordering: .relaxed)
        }
    }

    /// True once per SIGUSR1 received.
    static func take() -> Bool {
        pending.exchange(false, ordering: .relaxed)
    }
}
