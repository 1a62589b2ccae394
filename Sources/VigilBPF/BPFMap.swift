import CLibBPF

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
