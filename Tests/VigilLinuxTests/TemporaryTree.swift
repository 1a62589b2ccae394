import Foundation
import VigilLinux

/// A scratch system tree for tests that need files the fixtures cannot hold
/// (malformed contents written on the fly). Removed by `remove()`.
struct TemporaryTree {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/vigil-tree-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var root: SystemRoot { SystemRoot(path: path) }

    /// Writes `contents` to `relativePath`, creating its directories.
    func write(_ relativePath: String, _ contents: String) throws {
        let file = path + "/" + relativePath
        let directory = String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)])
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
