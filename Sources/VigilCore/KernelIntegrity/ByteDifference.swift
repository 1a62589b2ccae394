/// Where two equally long byte images differ, found a machine word at a time
/// (a full core-text comparison covers ~15 MB every few seconds).
public enum ByteDifference {
    /// The differing ranges of offsets; ranges closer than `mergeGap` bytes are joined.
    public static func ranges(_ baseline: [UInt8], _ current: [UInt8], mergeGap: Int = 8) -> [Range<Int>] {
        let count = min(baseline.count, current.count)
        var ranges: [Range<Int>] = []
        baseline.withUnsafeBytes { old in
            current.withUnsafeBytes { new in
                let words = count / 8
                var word = 0
                while word < words {
                    let offset = word * 8
                    if old.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != new.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                        for index in offset..<(offset + 8) where old[index] != new[index] {
                            append(index, to: &ranges, mergeGap: mergeGap)
                        }
                    }
                    word += 1
                }
                for index in (words * 8)..<count where old[index] != new[index] {
                    append(index, to: &ranges, mergeGap: mergeGap)
                }
            }
        }
        if baseline.count != current.count {
            append(count, to: &ranges, mergeGap: mergeGap, end: max(baseline.count, current.count))
        }
        return ranges
    }

    private static func append(_ index: Int, to ranges: inout [Range<Int>], mergeGap: Int, end: Int? = nil) {
        let upper = end ?? (index + 1)
        if let last = ranges.last, index - last.upperBound <= mergeGap {
            ranges[ranges.count - 1] = last.lowerBound..<upper
        } else {
            ranges.append(index..<upper)
        }
    }
}
