import Testing
@testable import VigilCore

extension KernelIntegrityTests {
    @Suite("byte difference")
    struct ByteDifferenceTests {
        static func baseline(_ count: Int) -> [UInt8] {
            (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        }

        static func changed(_ count: Int, at offsets: [Int]) -> [UInt8] {
            var bytes = baseline(count)
            for offset in offsets { bytes[offset] ^= 0xFF }
            return bytes
        }

        @Test func noDifference() {
            #expect(ByteDifference.ranges(Self.baseline(64), Self.baseline(64)).isEmpty)
            #expect(ByteDifference.ranges([], []).isEmpty)
            #expect(ByteDifference.ranges(Self.baseline(5), Self.baseline(5)).isEmpty)
        }

        @Test(arguments: [0, 3, 7, 8, 15, 63])
        func singleByte(offset: Int) {
            #expect(ByteDifference.ranges(Self.baseline(64), Self.changed(64, at: [offset])) == [offset..<(offset + 1)])
        }

        @Test func acrossAWordBoundary() {
            #expect(ByteDifference.ranges(Self.baseline(32), Self.changed(32, at: [7, 8])) == [7..<9])
        }

        @Test func closeDifferencesMerge() {
            let old = Self.baseline(64)
            // Gap of 7 and of exactly 8 unchanged bytes: merged; 9: apart.
            #expect(ByteDifference.ranges(old, Self.changed(64, at: [1, 9])) == [1..<10])
            #expect(ByteDifference.ranges(old, Self.changed(64, at: [1, 10])) == [1..<11])
            #expect(ByteDifference.ranges(old, Self.changed(64, at: [1, 11])) == [1..<2, 11..<12])
            // Chains merge into one range.
            #expect(ByteDifference.ranges(old, Self.changed(64, at: [2, 8, 16, 24, 40])) == [2..<25, 40..<41])
        }

        @Test func mergeGapIsAParameter() {
            let old = Self.baseline(32)
            #expect(ByteDifference.ranges(old, Self.changed(32, at: [1, 2]), mergeGap: 0) == [1..<3], "adjacent bytes always join")
            #expect(ByteDifference.ranges(old, Self.changed(32, at: [1, 3]), mergeGap: 0) == [1..<2, 3..<4])
            #expect(ByteDifference.ranges(old, Self.changed(32, at: [1, 20]), mergeGap: 32) == [1..<21])
        }

        @Test func tailNotAMultipleOfEight() {
            let old = Self.baseline(13)
            #expect(ByteDifference.ranges(old, Self.changed(13, at: [12])) == [12..<13])
            #expect(ByteDifference.ranges(old, Self.changed(13, at: [8, 10])) == [8..<11])
            #expect(ByteDifference.ranges(old, Self.changed(13, at: [3, 11])) == [3..<12], "word and tail differences merge")
            #expect(ByteDifference.ranges(Self.baseline(3), Self.changed(3, at: [0, 2])) == [0..<3], "shorter than a word")
        }

        @Test func differentLengths() {
            let old = Self.baseline(16)
            var longer = old + [1, 2, 3, 4]
            #expect(ByteDifference.ranges(old, longer) == [16..<20])
            longer[14] ^= 0xFF
            #expect(ByteDifference.ranges(old, longer) == [14..<20])
            #expect(ByteDifference.ranges(longer, old) == [14..<20])
            #expect(ByteDifference.ranges(Self.baseline(20), Array(Self.baseline(20).prefix(16))) == [16..<20])
            var far = Self.baseline(16)
            far[2] ^= 0xFF
            #expect(ByteDifference.ranges(far, Self.baseline(20)) == [2..<3, 16..<20])
            #expect(ByteDifference.ranges([], [1]) == [0..<1])
        }

        @Test func aLargeImage() {
            let count = 1 << 16 + 5
            let old = Self.baseline(count)
            #expect(ByteDifference.ranges(old, Self.changed(count, at: [0, 40_000, count - 1])) == [0..<1, 40_000..<40_001, (count - 1)..<count])
        }
    }
}
