import CLibBPF
import CVigilABI
import Synchronization
import VigilCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads kernel memory through the kernel-integrity BPF object when /proc/kcore
/// cannot be read (CONFIG_PROC_KCORE off, or masked as container runtimes do):
/// one window of up to 1 MiB per run of the `vigil_read_memory` iterator.
/// Slower than kcore; the same bytes.
public final class BPFKernelMemory: KernelMemorySource {
    private let sensor: KernelIntegritySensor
    private let sequence = Atomic<UInt64>(0)
    private let lock = Mutex(())

    init(sensor: KernelIntegritySensor) {
        self.sensor = sensor
    }

    public func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(KernelMemoryError) {
        let window = Int(VIGIL_MEMORY_WINDOW)
        var done = 0
        while done < buffer.count {
            let count = min(window, buffer.count - done)
            let start = address &+ UInt64(done)
            try readWindow(start, into: UnsafeMutableRawBufferPointer(rebasing: buffer[done..<(done + count)]))
            done += count
        }
    }

    /// Kernel addresses are all in the upper half; whether they are mapped shows when read.
    public func isMapped(_ address: UInt64, count: Int) -> Bool {
        address >= 0xFFFF_8000_0000_0000 && address.addingReportingOverflow(UInt64(count)).overflow == false
    }

    private func readWindow(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(KernelMemoryError) {
        let result: Result<Void, KernelMemoryError> = lock.withLock { _ in
            do throws(BPFError) {
                var request = vigil_memory_request()
                request.address = address
                request.length = UInt32(buffer.count)
                request.sequence = sequence.add(1, ordering: .relaxed).newValue
                let requests = try sensor.mapDescriptor("vigil_memory_request_map")
                try BPFMap.update(descriptor: requests, key: 0, value: request)
                try sensor.runIterator("vigil_read_memory")
                let answer = try BPFMap.lookup(descriptor: requests, key: 0, empty: vigil_memory_request())
                guard answer.done == request.sequence, answer.result == 0 else {
                    return .failure(.unmapped(address))
                }
                let window = try BPFMap.lookupBytes(descriptor: try sensor.mapDescriptor("vigil_memory_window_map"), key: 0,
                                                    count: Int(VIGIL_MEMORY_WINDOW))
                buffer.copyBytes(from: window.prefix(buffer.count))
                return .success(())
            } catch {
                return .failure(.readFailed(address: address, cause: error))
            }
        }
        try result.get()
    }
}
