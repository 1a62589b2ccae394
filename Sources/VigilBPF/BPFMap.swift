import CLibBPF

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Typed access to array maps by file descriptor.
public enum BPFMap {
    /// Writes `value` at `key` of an array or hash map.
    public static func update<Value: BitwiseCopyable>(descriptor: Int32, key: UInt32, value: Value) throws(BPFError) {
        var key = key
        let result = withUnsafeBytes(of: value) { bytes in
            bpf_map_update_elem(descriptor, &key, bytes.baseAddress, UInt64(BPF_ANY))
        }
        guard result == 0 else { throw BPFError(operation: "update map element \(key)", errno: -result) }
    }

    /// Writes `value` at a key given as raw bytes (hash maps with string keys).
    public static func update<Value: BitwiseCopyable>(descriptor: Int32, keyBytes: [UInt8], value: Value) throws(BPFError) {
        var key = keyBytes
        let result = withUnsafeBytes(of: value) { bytes in
            bpf_map_update_elem(descriptor, &key, bytes.baseAddress, UInt64(BPF_ANY))
        }
        guard result == 0 else { throw BPFError(operation: "update map element of \(keyBytes.count)-byte key", errno: -result) }
    }

    /// Every key of a hash map, as raw bytes of `keySize`.
    public static func keys(descriptor: Int32, keySize: Int) throws(BPFError) -> [[UInt8]] {
        var keys: [[UInt8]] = []
        var next = [UInt8](repeating: 0, count: keySize)
        var previous: [UInt8]?
        while true {
            let result: Int32
            if var current = previous {
                result = bpf_map_get_next_key(descriptor, &current, &next)
            } else {
                result = bpf_map_get_next_key(descriptor, nil, &next)
            }
            if result == -ENOENT { return keys }
            guard result == 0 else { throw BPFError(operation: "list map keys", errno: -result) }
            keys.append(next)
            previous = next
        }
    }

    /// Removes a key given as raw bytes; a missing key is not an error.
    public static func delete(descriptor: Int32, keyBytes: [UInt8]) throws(BPFError) {
        var key = keyBytes
        let result = bpf_map_delete_elem(descriptor, &key)
        guard result == 0 || result == -ENOENT else { throw BPFError(operation: "delete map element", errno: -result) }
    }

    /// Reads the value at `key` of an array map into a copy of `empty`.
    public static func lookup<Value: BitwiseCopyable>(descriptor: Int32, key: UInt32, empty: Value) throws(BPFError) -> Value {
        var key = key
        var value = empty
        let result = withUnsafeMutableBytes(of: &value) { bytes in
            bpf_map_lookup_elem(descriptor, &key, bytes.baseAddress)
        }
        guard result == 0 else { throw BPFError(operation: "read map element \(key)", errno: -result) }
        return value
    }

    /// Reads the `count`-byte value at `key` of an array map with large values.
    public static func lookupBytes(descriptor: Int32, key: UInt32, count: Int) throws(BPFError) -> [UInt8] {
        var key = key
        var bytes = [UInt8](repeating: 0, count: count)
        let result = bytes.withUnsafeMutableBytes { raw in
            bpf_map_lookup_elem(descriptor, &key, raw.baseAddress)
        }
        guard result == 0 else { throw BPFError(operation: "read map element \(key)", errno: -result) }
        return bytes
    }

    /// Sums slot `key` of a per-CPU array of 64-bit counters over every possible CPU.
    public static func perCPUSum(descriptor: Int32, key: UInt32) throws(BPFError) -> UInt64 {
        let cpus = Int(libbpf_num_possible_cpus())
        guard cpus > 0 else { throw BPFError(operation: "count possible CPUs", errno: Int32(-cpus)) }
        var values = [UInt64](repeating: 0, count: cpus)
        var key = key
        let result = bpf_map_lookup_elem(descriptor, &key, &values)
        guard result == 0 else { throw BPFError(operation: "read per-CPU counter \(key)", errno: -result) }
        return values.reduce(0, &+)
    }
}
