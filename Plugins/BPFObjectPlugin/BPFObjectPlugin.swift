import Foundation
import PackagePlugin

/// Compiles `bpf/vigil.bpf.c`, `bpf/vigil_kernel.bpf.c` and `bpf/vigil_guard.bpf.c` with the toolchain's clang (`-target bpf`) and
/// embeds each object in the target as Swift source, so that a plain
/// `swift build` builds the BPF programs and the static `vigil` carries them.
@main
struct BPFObjectPlugin: BuildToolPlugin {
    /// Each BPF object: its unity source under bpf/ and the Swift type that embeds it.
    /// Separate objects load separately, so one sensor failing to load leaves the other running.
    static let objects: [(source: String, symbol: String)] = [
        ("vigil.bpf.c", "EmbeddedBPFObject"),
        ("vigil_kernel.bpf.c", "EmbeddedKernelBPFObject"),
        ("vigil_guard.bpf.c", "EmbeddedGuardBPFObject"),
    ]

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let bpfDirectory = context.package.directoryURL.appending(path: "bpf")
        let clang = try context.tool(named: "clang").url
        let embedder = try context.tool(named: "vigil-bpf-embed").url
        let inputs = try bpfSources(below: bpfDirectory)
        return Self.objects.map { object in
            let source = bpfDirectory.appending(path: object.source)
            let output = context.pluginWorkDirectoryURL.appending(path: "\(object.symbol).swift")
            return .buildCommand(
                displayName: "Compiling BPF programs (bpf/\(object.source))",
                executable: embedder,
                arguments: [
                    "--clang", clang.path,
                    "--source", source.path,
                    "--include", bpfDirectory.appending(path: "include").path,
                    "--include", bpfDirectory.appending(path: "lib").path,
                    "--include", bpfDirectory.path,
                    "--output", output.path,
                    "--symbol", object.symbol,
                ],
                inputFiles: inputs,
                outputFiles: [output]
            )
        }
    }

    /// Every C source and header under bpf/, so that editing any of them rebuilds the object.
    private func bpfSources(below directory: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { ["c", "h"].contains($0.pathExtension) }
    }
}
