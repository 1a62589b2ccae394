import Testing
@testable import VigilLab

@Suite("Static executables for the guest")
struct StaticExecutableCheckTests {
    /// A minimal ELF64 header with one program header of the given type (and an interpreter path for PT_INTERP).
    static func elf(programType: UInt32, interpreter: String = "") -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 64 + 56)
        bytes[0...5] = [0x7F, 0x45, 0x4C, 0x46, 2, 1]
        func put(_ value: UInt64, at offset: Int, size: Int) {
            for index in 0..<size {
                bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))
            }
        }
        put(64, at: 0x20, size: 8)
        put(56, at: 0x36, size: 2)
        put(1, at: 0x38, size: 2)
        put(UInt64(programType), at: 64, size: 4)
        if !interpreter.isEmpty {
            let path = Array(interpreter.utf8) + [0]
            put(UInt64(bytes.count), at: 64 + 8, size: 8)
            put(UInt64(path.count), at: 64 + 32, size: 8)
            bytes += path
        }
        return bytes
    }

    @Test func executableWithoutInterpreterIsStatic() {
        #expect(StaticExecutableCheck.inspect(Self.elf(programType: 1)) == .staticExecutable)
    }

    @Test func interpreterMakesItDynamic() {
        let bytes = Self.elf(programType: 3, interpreter: "/lib64/ld-linux-x86-64.so.2")
        #expect(StaticExecutableCheck.inspect(bytes) == .dynamic(interpreter: "/lib64/ld-linux-x86-64.so.2"))
    }

    @Test func scriptsNameTheirInterpreter() {
        #expect(StaticExecutableCheck.inspect(Array("#!/bin/sh -e\necho hi\n".utf8)) == .script(interpreter: "/bin/sh"))
    }

    @Test func otherAndTruncatedFilesAreNotELF() {
        #expect(StaticExecutableCheck.inspect(Array("MZ not an ELF file at all, but long enough to be read as one......".utf8)) == .notELF64)
        #expect(StaticExecutableCheck.inspect(Array(Self.elf(programType: 1).prefix(40))) == .notELF64)
        #expect(StaticExecutableCheck.inspect(Array(Self.elf(programType: 1).prefix(80))) == .notELF64)
    }
}
