import CLibBPF

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Drains a BPF ring buffer map: each record the kernel submitted is copied
/// out and handed to `handle`. Polling blocks, so run it on a thread of its own.
public final class RingBufferReader: @unchecked Sendable {
    private final class Sink {
        let handle: ([UInt8]) -> Void
        init(handle: @escaping ([UInt8]) -> Void) { self.handle = handle }
    }

    private let ring: OpaquePointer
    private let sink: Unmanaged<Sink>

    public init(mapDescriptor: Int32, handle: @escaping ([UInt8]) -> Void) throws(BPFError) {
        let sink = Unmanaged.passRetained(Sink(handle: handle))
        let created = ring_buffer__new(mapDescriptor, { context, data, size in
            guard let context, let data else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            sink.handle(Array(UnsafeRawBufferPointer(start: data, count: size)))
            return 0
        }, sink.toOpaque(), nil)
        guard let created else {
            sink.release()
            throw BPFError(operation: "create ring buffer reader", errno: currentErrno())
        }
        self.ring = created
        self.sink = sink
    }

    deinit {
        ring_buffer__free(ring)
        sink.release()
    }

    /// Waits up to `timeoutMilliseconds` for records and delivers them; returns how many.
    @discardableResult
    public func poll(timeoutMilliseconds: Int32) throws(BPFError) -> Int {
        let result = ring_buffer__poll(ring, timeoutMilliseconds)
        if result == -EINTR { return 0 }
        guard result >= 0 else { throw BPFError(operation: "poll ring buffer", errno: -result) }
        return Int(result)
    }
}
