/// Tells whether an ELF file can run in the lab's initramfs, which has no shared libraries.
public enum StaticExecutableCheck {
    /// The verdict on one file.
    public enum Finding: Equatable, Sendable {
        /// An ELF executable without a program interpreter: it runs anywhere.
        case staticExecutable
        /// It asks for this dynamic loader (`/lib64/ld-linux-x86-64.so.2`), which the guest lacks.
        case dynamic(interpreter: String)
        /// A `#!` script; it runs when the guest has its interpreter (busybox provides `/bin/sh`).
        case script(interpreter: String)
        /// Not a 64-bit little-endian ELF file, or a truncated one.
        case notELF64
    }

    /// Inspects the start of an ELF file (the ELF header and program headers; a few KiB suffice).
    public static func inspect(_ bytes: [UInt8]) -> Finding {
        if bytes.starts(with: [0x23, 0x21]) {
            let line = bytes.dropFirst(2).prefix { $0 != 0x0A }
            let interpreter = String(decoding: line, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
            return .script(interpreter: interpreter)
        }
        guard bytes.count >= 64, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46,
              bytes[4] == 2, bytes[5] == 1 else {
            return .notELF64
        }
        guard let tableOffset = integer(bytes, at: 0x20, size: 8),
              let entrySize = integer(bytes, at: 0x36, size: 2),
              let entryCount = integer(bytes, at: 0x38, size: 2), entrySize >= 56,
              tableOffset + entryCount * entrySize <= bytes.count else {
            return .notELF64
        }
        let programInterpreter = 3
        for index in 0..<entryCount {
            let entry = tableOffset + index * entrySize
            guard let type = integer(bytes, at: entry, size: 4) else {
                return .notELF64
            }
            guard type == programInterpreter else {
                continue
            }
            guard let offset = integer(bytes, at: entry + 8, size: 8),
                  let size = integer(bytes, at: entry + 32, size: 8),
                  offset + size <= bytes.count else {
                return .dynamic(interpreter: "?")
            }
            let path = bytes[offset..<(offset + size)].prefix { $0 != 0 }
            return .dynamic(interpreter: String(decoding: path, as: UTF8.self))
        }
        return .staticExecutable
    }

    static func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> Int? {
        guard offset >= 0, offset + size <= bytes.count else {
            return nil
        }
        var value: UInt64 = 0
        for index in (0..<size).reversed() {
            value = value << 8 | UInt64(bytes[offset + index])
        }
        return value <= UInt64(Int.max) ? Int(value) : nil
    }
}
