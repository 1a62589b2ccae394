import Testing
@testable import VigilCore

extension KernelIntegrityTests {
    @Suite("x86 instructions")
    struct X86InstructionTests {
        static let site: UInt64 = 0xffff_ffff_8100_1000

        @Test func rel32TargetsForwardAndBackward() {
            let forward: [UInt8] = [0xE8, 0x10, 0x00, 0x00, 0x00]
            #expect(X86Instruction.rel32Target(opcode: 0xE8, bytes: forward[...], at: Self.site) == Self.site + 5 + 0x10)
            // E0 FF FF FF is -0x20: the target lies before the instruction.
            let backward: [UInt8] = [0xE9, 0xE0, 0xFF, 0xFF, 0xFF]
            #expect(X86Instruction.rel32Target(opcode: 0xE9, bytes: backward[...], at: Self.site) == Self.site + 5 - 0x20)
            // The most negative displacement.
            let farthest: [UInt8] = [0xE9, 0x00, 0x00, 0x00, 0x80]
            #expect(X86Instruction.rel32Target(opcode: 0xE9, bytes: farthest[...], at: Self.site) == Self.site + 5 - 0x8000_0000)
            // Round trip through the encoder used by the other suites.
            let encoded = Encode.call(at: Self.site, to: 0xffff_ffff_8000_0000)
            #expect(X86Instruction.rel32Target(opcode: 0xE8, bytes: encoded[...], at: Self.site) == 0xffff_ffff_8000_0000)
        }

        @Test func rel32NeedsItsOpcodeAndFiveBytes() {
            let call: [UInt8] = [0xE8, 0x10, 0x00, 0x00, 0x00]
            #expect(X86Instruction.rel32Target(opcode: 0xE9, bytes: call[...], at: Self.site) == nil)
            #expect(X86Instruction.rel32Target(opcode: 0xE8, bytes: call.prefix(4), at: Self.site) == nil)
            #expect(X86Instruction.rel32Target(opcode: 0xE8, bytes: [], at: Self.site) == nil)
        }

        @Test func rel32ReadsASliceFromItsOwnStart() {
            // A slice taken from the middle of a larger buffer keeps its indices.
            let buffer: [UInt8] = [0x90, 0x90, 0x90] + [0xE9, 0xFB, 0xFF, 0xFF, 0xFF] + [0x90]
            let slice = buffer[3..<8]
            #expect(X86Instruction.rel32Target(opcode: 0xE9, bytes: slice, at: Self.site) == Self.site, "jmp . (-5)")
            let jcc = buffer[3...]
            #expect(X86Instruction.jccRel32Target(bytes: jcc, at: Self.site) == nil)
        }

        @Test func rel8Targets() {
            #expect(X86Instruction.rel8Target(bytes: [0xEB, 0x10][...], at: Self.site) == Self.site + 2 + 0x10)
            #expect(X86Instruction.rel8Target(bytes: [0xEB, 0xFE][...], at: Self.site) == Self.site, "jmp . (-2)")
            #expect(X86Instruction.rel8Target(bytes: [0xEB, 0x80][...], at: Self.site) == Self.site + 2 - 128)
            #expect(X86Instruction.rel8Target(bytes: [0xEB, 0x7F][...], at: Self.site) == Self.site + 2 + 127)
            #expect(X86Instruction.rel8Target(bytes: [0x66, 0x90][...], at: Self.site) == nil)
            #expect(X86Instruction.rel8Target(bytes: [0xEB][...], at: Self.site) == nil)
        }

        @Test func jccTargets() {
            let je: [UInt8] = [0x0F, 0x84, 0x00, 0x01, 0x00, 0x00]
            #expect(X86Instruction.jccRel32Target(bytes: je[...], at: Self.site) == Self.site + 6 + 0x100)
            let jne: [UInt8] = [0x0F, 0x85, 0xF0, 0xFF, 0xFF, 0xFF]
            #expect(X86Instruction.jccRel32Target(bytes: jne[...], at: Self.site) == Self.site + 6 - 0x10)
            let jg: [UInt8] = [0x0F, 0x8F, 0x00, 0x00, 0x00, 0x00]
            #expect(X86Instruction.jccRel32Target(bytes: jg[...], at: Self.site) == Self.site + 6)
            #expect(X86Instruction.jccRel32Target(bytes: X86Instruction.nop5[...], at: Self.site) == nil, "0F 1F is a NOP, not a jcc")
            #expect(X86Instruction.jccRel32Target(bytes: je.prefix(5), at: Self.site) == nil)
            let encoded = Encode.jcc(0x84, at: Self.site, to: Self.site - 0x1234)
            #expect(X86Instruction.jccRel32Target(bytes: encoded[...], at: Self.site) == Self.site - 0x1234)
        }

        @Test func hexIsLowercaseTwoDigitsPerByte() {
            #expect(X86Instruction.hex([0x0F, 0xA0, 0x00, 0xFF]) == "0fa000ff")
            #expect(X86Instruction.hex([UInt8]()) == "")
            #expect(X86Instruction.hex(X86Instruction.nop5) == "0f1f440000")
            #expect(X86Instruction.hex([0x01, 0x02, 0x03][1...]) == "0203")
        }

        @Test func encodingsAreTheKernels() {
            #expect(X86Instruction.nop2 == [0x66, 0x90])
            #expect(X86Instruction.nop5 == [0x0F, 0x1F, 0x44, 0x00, 0x00])
            #expect(X86Instruction.endbr64 == [0xF3, 0x0F, 0x1E, 0xFA])
            #expect(X86Instruction.ret5.count == 5)
            #expect(X86Instruction.xorEAX5.count == 5)
        }
    }
}
