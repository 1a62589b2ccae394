/// Something that reads kernel virtual memory: `/proc/kcore` on a host
/// (`KernelMemoryReader` in VigilLinux), a BPF-based reader, or an in-memory
/// double in tests (`InMemoryKernelMemory`).
///
/// Addresses are kernel virtual addresses. A read either fills the whole
/// range or throws; it never returns part of it.
public protocol KernelMemorySource: Sendable {
    /// Fills `buffer` with the bytes at `address ..< address + buffer.count`.
    /// The range may cross from one mapped region into the next when they are
    /// contiguous.
    /// - Throws: `.unmapped` naming the first address no region covers,
    ///   `.shortRead` when the backing store ends early, `.readFailed` for I/O errors.
    func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(KernelMemoryError)

    /// The `count` bytes at `address`.
    func read(_ address: UInt64, count: Int) throws(KernelMemoryError) -> [UInt8]

    /// Whether every byte of `address ..< address + count` is covered by a
    /// mapped region (a zero-length range always is).
    func isMapped(_ address: UInt64, count: Int) -> Bool
}

extension KernelMemorySource {
    public func read(_ address: UInt64, count: Int) throws(KernelMemoryError) -> [UInt8] {
        precondition(count >= 0, "negative read count \(count)")
        var failure: KernelMemoryError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(KernelMemoryError) {
                try read(address, into: UnsafeMutableRawBufferPointer(buffer))
                initialized = count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// The little-endian integer of type `T` at `address`, for pointers and
    /// counters read out of kernel structures.
    public func read<T: FixedWidthInteger>(_ address: UInt64, as type: T.Type) throws(KernelMemoryError) -> T {
        var value: T = 0
        try withUnsafeMutableBytes(of: &value) { (raw) throws(KernelMemoryError) in
            try read(address, into: raw)
        }
        return T(littleEndian: value)
    }
}

/// Why kernel memory could not be read. Every message names the address in hex.
public enum KernelMemoryError: Error, Sendable, CustomStringConvertible {
    /// No mapped region covers `address` (for a range, the first uncovered byte).
    case unmapped(UInt64)
    /// The backing store ended after `read` of the `requested` bytes at `address`
    /// (for kcore: the file is shorter than its program headers claim).
    case shortRead(address: UInt64, requested: Int, read: Int)
    /// The read at `address` failed; `cause` is the underlying error
    /// (a `LinuxError` naming the file and errno for `/proc/kcore`).
    case readFailed(address: UInt64, cause: any Error & Sendable)

    /// The address the failure concerns.
    public var address: UInt64 {
        switch self {
        case .unmapped(let address): address
        case .shortRead(let address, _, _): address
        case .readFailed(let address, _): address
        }
    }

    public var description: String {
        switch self {
        case .unmapped(let address):
            "kernel address \(hex(address)) is not mapped"
        case .shortRead(let address, let requested, let read):
            "short read at kernel address \(hex(address)): \(read) of \(requested) bytes"
        case .readFailed(let address, let cause):
            "reading kernel address \(hex(address)) failed: \(cause)"
        }
    }
}

private func hex(_ value: UInt64) -> String {
    "0x" + String(value, radix: 16)
}
