import VigilLab

/// Checks that a binary can run in the guest, which has no shared libraries.
enum StaticBinary {
    static func require(_ path: String, role: String) throws {
        guard HostFiles.exists(path) else {
            throw LabError("\(role): \(path) does not exist")
        }
        switch StaticExecutableCheck.inspect(try HostFiles.readPrefix(path, count: 64 * 1024)) {
        case .staticExecutable:
            return
        case .dynamic(let interpreter):
            throw LabError("\(role): \(path) is dynamically linked (needs \(interpreter)); the guest has no shared libraries, so use a static build")
        case .script(let interpreter):
            print("note: \(role): \(path) is a script for \(interpreter), not a static binary; fine for testing the lab")
        case .notELF64:
            throw LabError("\(role): \(path) is not a 64-bit ELF executable")
        }
    }
}
