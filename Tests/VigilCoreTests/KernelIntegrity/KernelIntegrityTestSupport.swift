import Testing
@testable import VigilCore

/// The namespace of every kernel-integrity suite, so that
/// `swift test --filter KernelIntegrity` runs them all.
@Suite("kernel integrity")
enum KernelIntegrityTests {}

/// A resolver that knows only the targets a test tells it about.
struct FakeResolver: PatchTargetResolver {
    var targets: [UInt64: PatchTarget] = [:]

    func classify(_ address: UInt64) -> PatchTarget {
        targets[address] ?? .unknown
    }
}

/// Encodes the few instructions runtime patching writes, for building images.
enum Encode {
    static func le32(_ value: Int32) -> [UInt8] {
        let bits = UInt32(bitPattern: value)
        return (0..<4).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt32($0))) }
    }

    static func le64(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// The signed distance `to - from`, which must fit in 32 bits.
    static func displacement(from: UInt64, to: UInt64) -> Int32 {
        Int32(Int64(bitPattern: to &- from))
    }

    /// `call rel32` (E8) or `jmp rel32` (E9) at `address` to `target`.
    static func rel32(_ opcode: UInt8, at address: UInt64, to target: UInt64) -> [UInt8] {
        [opcode] + le32(displacement(from: address &+ 5, to: target))
    }

    static func call(at address: UInt64, to target: UInt64) -> [UInt8] { rel32(0xE8, at: address, to: target) }
    static func jmp(at address: UInt64, to target: UInt64) -> [UInt8] { rel32(0xE9, at: address, to: target) }

    /// `jmp rel8` (EB) at `address` to `target`.
    static func jmp8(at address: UInt64, to target: UInt64) -> [UInt8] {
        [0xEB, UInt8(bitPattern: Int8(Int64(bitPattern: target &- (address &+ 2))))]
    }

    /// `jcc rel32` (0F 8x) at `address` to `target`.
    static func jcc(_ condition: UInt8 = 0x85, at address: UInt64, to target: UInt64) -> [UInt8] {
        [0x0F, condition] + le32(displacement(from: address &+ 6, to: target))
    }
}

extension Array where Element == UInt8 {
    /// Copies `bytes` over the array from `offset`.
    mutating func put(_ bytes: [UInt8], at offset: Int) {
        replaceSubrange(offset..<(offset + bytes.count), with: bytes)
    }
}
