import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// SIGINT and SIGTERM set a flag the run loop checks between polls.
enum StopSignal {
    static let requested = Atomic<Bool>(false)

    static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { _ in
                StopSignal.requested.store(true, ordering: .relaxed)
            }
        }
    }

    static var isRequested: Bool {
        requested.load(ordering: .relaxed)
    }
}
