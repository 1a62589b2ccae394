import ArgumentParser
import Foundation
import VigilLab

/// The `--root` option every subcommand shares: where the Vigil package (and so `Lab/`, `.lab/`) is.
struct PackageRootOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The Vigil package root (the folder with Package.swift and Lab/). Default: the nearest such folder at or above the current directory.",
            valueName: "path"
        )
    )
    var root: String?

    func validate() throws {
        if let root, !HostFiles.exists(root + "/Lab/kernels.conf") {
            throw ValidationError("--root '\(root)' has no Lab/kernels.conf; pass the folder that holds Package.swift and Lab/.")
        }
    }

    /// The lab layout below the chosen root.
    func layout() throws -> LabLayout {
        if let root {
            return LabLayout(root: URL(fileURLWithPath: root).standardizedFileURL.path)
        }
        var directory = URL(fileURLWithPath: HostFiles.currentDirectory).standardizedFileURL
        while true {
            if HostFiles.exists(directory.appendingPathComponent("Package.swift").path),
               HostFiles.exists(directory.appendingPathComponent("Lab/kernels.conf").path) {
                return LabLayout(root: directory.path)
            }
            let parent = directory.deletingLastPathComponent()
            guard parent.path != directory.path else {
                throw LabError("no Vigil package (Package.swift with Lab/kernels.conf) at or above \(HostFiles.currentDirectory); run from the package or pass --root")
            }
            directory = parent
        }
    }
}
