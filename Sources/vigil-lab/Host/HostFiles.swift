import Foundation

/// The file operations the harness needs, over `FileManager`, with errors that name the path.
enum HostFiles {
    static var manager: FileManager { FileManager.default }

    static func exists(_ path: String) -> Bool {
        manager.fileExists(atPath: path)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return manager.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func createDirectory(_ path: String) throws {
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw LabError("cannot create directory \(path): \(error.localizedDescription)")
        }
    }

    static func readText(_ path: String) throws -> String {
        guard let data = manager.contents(atPath: path) else {
            throw LabError("cannot read \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The text of a file that may not exist yet (a log QEMU never opened), or "".
    static func readTextIfPresent(_ path: String) -> String {
        manager.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The first `count` bytes of a file.
    static func readPrefix(_ path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LabError("cannot read \(path)")
        }
        defer { try? handle.close() }
        return Array((try? handle.read(upToCount: count)) ?? Data())
    }

    static func writeText(_ text: String, to path: String, executable: Bool = false) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try createDirectory(directory)
        guard manager.createFile(
            atPath: path,
            contents: Data(text.utf8),
            attributes: [.posixPermissions: executable ? 0o755 : 0o644]
        ) else {
            throw LabError("cannot write \(path)")
        }
    }

    static func copy(_ source: String, to destination: String, executable: Bool) throws {
        try createDirectory((destination as NSString).deletingLastPathComponent)
        try? manager.removeItem(atPath: destination)
        do {
            try manager.copyItem(atPath: source, toPath: destination)
            try manager.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: destination)
        } catch {
            throw LabError("cannot copy \(source) to \(destination): \(error.localizedDescription)")
        }
    }

    static func remove(_ path: String) {
        try? manager.removeItem(atPath: path)
    }

    static func move(_ source: String, to destination: String) throws {
        do {
            try manager.moveItem(atPath: source, toPath: destination)
        } catch {
            throw LabError("cannot move \(source) to \(destination): \(error.localizedDescription)")
        }
    }

    /// The names in a directory, sorted; empty when it does not exist.
    static func list(_ path: String) -> [String] {
        ((try? manager.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// Concatenates files into one (an initramfs of several cpio archives).
    static func concatenate(_ parts: [String], into destination: String) throws {
        try? manager.removeItem(atPath: destination)
        guard manager.createFile(atPath: destination, contents: nil),
              let output = FileHandle(forWritingAtPath: destination) else {
            throw LabError("cannot write \(destination)")
        }
        defer { try? output.close() }
        for part in parts {
            guard let input = FileHandle(forReadingAtPath: part) else {
                throw LabError("cannot read \(part)")
            }
            defer { try? input.close() }
            while let chunk = try input.read(upToCount: 4 << 20), !chunk.isEmpty {
                try output.write(contentsOf: chunk)
            }
        }
    }

    /// The current directory.
    static var currentDirectory: String { manager.currentDirectoryPath }
}
