/// The few x86-64 instruction encodings the kernel's runtime text patching
/// writes (arch/x86/kernel/{jump_label,static_call,ftrace,kprobes}), recognised
/// byte for byte. Anything else at a patch site is not a legitimate state.
public enum X86Instruction {
    public static let nop2: [UInt8] = [0x66, 0x90]
    /// The kernel's 5-byte NOP (`nopl 0x0(%rax,%rax,1)`), used by jump labels, static calls and ftrace.
    public static let nop5: [UInt8] = [0x0F, 0x1F, 0x44, 0x00, 0x00]
    /// `endbr64`, which starts functions when IBT is built in; ftrace's call then follows it.
    public static let endbr64: [UInt8] = [0xF3, 0x0F, 0x1E, 0xFA]
    /// What a static call to `__static_call_return0` becomes: `cs cs cs xor %eax,%eax`.
    public static let xorEAX5: [UInt8] = [0x2E, 0x2E, 0x2E, 0x31, 0xC0]
    /// A static call that returns at once, without return thunks: `ret; int3 ×4`.
    public static let ret5: [UInt8] = [0xC3, 0xCC, 0xCC, 0xCC, 0xCC]
    public static let int3: UInt8 = 0xCC
    public static let callRel32: UInt8 = 0xE8
    public static let jmpRel32: UInt8 = 0xE9
    public static let jmpRel8: UInt8 = 0xEB

    /// The target of a `call rel32` / `jmp rel32` at `address`, when `bytes` (at least 5) is one.
    public static func rel32Target(opcode: UInt8, bytes: ArraySlice<UInt8>, at address: UInt64) -> UInt64? {
        guard bytes.count >= 5, bytes[bytes.startIndex] == opcode else { return nil }
        let start = bytes.startIndex
        var displacement: UInt32 = 0
        for index in 0..<4 {
            displacement |= UInt32(bytes[start + 1 + index]) << (8 * UInt32(index))
        }
        return address &+ 5 &+ UInt64(bitPattern: Int64(Int32(bitPattern: displacement)))
    }

    /// The target of a `jmp rel8` at `address`.
    public static func rel8Target(bytes: ArraySlice<UInt8>, at address: UInt64) -> UInt64? {
        guard bytes.count >= 2, bytes[bytes.startIndex] == jmpRel8 else { return nil }
        let displacement = Int8(bitPattern: bytes[bytes.startIndex + 1])
        return address &+ 2 &+ UInt64(bitPattern: Int64(displacement))
    }

    /// The target of a `jcc rel32` (0F 8x) at `address`, a 6-byte conditional tail call.
    public static func jccRel32Target(bytes: ArraySlice<UInt8>, at address: UInt64) -> UInt64? {
        let start = bytes.startIndex
        guard bytes.count >= 6, bytes[start] == 0x0F, bytes[start + 1] & 0xF0 == 0x80 else { return nil }
        var displacement: UInt32 = 0
        for index in 0..<4 {
            displacement |= UInt32(bytes[start + 2 + index]) << (8 * UInt32(index))
        }
        return address &+ 6 &+ UInt64(bitPattern: Int64(Int32(bitPattern: displacement)))
    }

    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
