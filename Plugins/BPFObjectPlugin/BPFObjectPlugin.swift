import Foundation
import PackagePlugin

/// Compiles `bpf/vigil.bpf.c` with the toolchain's clang (`-target bpf`) and
/// embeds the object in the target as Swift source, so that a plain
/// `swift build` builds the BPF programs and the static `vigil` carries them.
@main
struct BPFObjectPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let bpfDirectory = context.package.directoryURL.appending(path: "bpf")
        let source = bpfDirectory.appending(path: "vigil.bpf.c")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedBPFObject.swift")
        let clang = try context.tool(named: "clang").url
        let embedder = try context.tool(named: "vigil-bpf-embed").url
        return [
            .buildCommand(
                displayName: "Compiling BPF programs (bpf/vigil.bpf.c)",
                executable: embedder,
                arguments: [
                    "--clang", clang.path,
                    "--source", source.path,
                    "--include", bpfDirectory.appending(path: "include").path,
                    "--include", bpfDirectory.appending(path: "lib").path,
                    "--include", bpfDirectory.path,
                    "--output", output.path,
                ],
                inputFiles: try bpfSources(below: bpfDirectory),
                outputFiles: [output]
            )
        ]
    }

    /// Every C source and header under bpf/, so that editing any of them rebuilds the object.
    private func bpfSources(below directory: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { ["c", "h"].contains($0.pathExtension) }
    }
}
