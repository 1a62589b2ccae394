#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// CLOCK_MONOTONIC and CLOCK_BOOTTIME readings, for durations and for relating
/// BPF timestamps (bpf_ktime_get_boot_ns) to now.
public enum MonotonicClock {
    public static func now() -> UInt64 {
        read(CLOCK_MONOTONIC)
    }

    /// Nanoseconds since boot, the clock BPF events carry.
    public static func bootNanoseconds() -> UInt64 {
        read(CLOCK_BOOTTIME)
    }

    public static func seconds(since start: UInt64) -> Double {
        Double(now() &- start) / 1e9
    }

    private static func read(_ clock: clockid_t) -> UInt64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
