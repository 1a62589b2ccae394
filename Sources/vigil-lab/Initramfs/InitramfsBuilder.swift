import Foundation
import VigilLab

/// Builds the guest's initramfs from concatenated cpio.gz parts (the kernel unpacks them in order):
///
/// 1. busybox: `/bin/busybox` and the empty directories, cached in `.lab/cache/initramfs` by busybox hash;
/// 2. runtime: `/init`, the other files of `Lab/guest/` in `/lab/` (`lib.sh`, …),
///    `/usr/local/bin/vigil` and the static test programs of `Lab/programs`, built once per `vigil-lab run`;
/// 3. kernel: the test modules of `Lab/modules` built for that kernel in `/lab/modules/`, and the
///    kernel package's own stock modules (`StockModule.lab`, decompressed) in `/lab/kmod/`,
///    once per kernel per run;
/// 4. scenario: `/boot/config-<release>` and `/lab/scenario/*`, built per run.
///
/// There are no symlinks in the archives: `/init` starts as `#!/bin/busybox sh` and runs `busybox --install -s`.
struct InitramfsBuilder {
    var layout: LabLayout
    /// Where this `vigil-lab run` keeps its shared parts.
    var workDirectory: String

    /// The directories of the guest's root, created empty.
    static let rootDirectories = [
        "bin", "sbin", "usr/bin", "usr/sbin", "usr/local/bin", "proc", "sys", "dev", "tmp", "run",
        "etc", "root", "boot", "mnt", "lab",
    ]

    /// The busybox part, from the cache when the same busybox was packed before.
    func busyboxPart(busybox: String) async throws -> String {
        try StaticBinary.require(busybox, role: "busybox (install busybox-static)")
        let digest = try await Subprocess("sha256sum", [busybox]).check().standardOutput.prefix(16)
        let archive = layout.initramfsCache + "/busybox-\(digest).cpio.gz"
        if HostFiles.exists(archive) {
            return archive
        }
        let stage = workDirectory + "/stage-busybox"
        HostFiles.remove(stage)
        for directory in Self.rootDirectories {
            try HostFiles.createDirectory(stage + "/" + directory)
        }
        try HostFiles.copy(busybox, to: stage + "/bin/busybox", executable: true)
        try HostFiles.createDirectory(layout.initramfsCache)
        try await CpioArchiver.pack(directory: stage, into: archive + ".partial")
        try HostFiles.move(archive + ".partial", to: archive)
        HostFiles.remove(stage)
        return archive
    }

    /// The guest init, the helpers beside it in `Lab/guest/` and, unless `nil`, the vigil binary.
    func runtimePart(vigil: String?) async throws -> String {
        let stage = workDirectory + "/stage-runtime"
        HostFiles.remove(stage)
        try HostFiles.copy(layout.guestInit, to: stage + "/init", executable: true)
        guard HostFiles.exists(layout.guestLibrary) else {
            throw LabError("\(layout.relative(layout.guestLibrary)) is missing")
        }
        let guestDirectory = (layout.guestInit as NSString).deletingLastPathComponent
        for name in HostFiles.list(guestDirectory) where name != "init" && !name.hasPrefix(".") {
            let source = guestDirectory + "/" + name
            if !HostFiles.isDirectory(source) {
                try HostFiles.copy(source, to: stage + "/lab/" + name, executable: false)
            }
        }
        if let vigil {
            try HostFiles.copy(vigil, to: stage + "/usr/local/bin/vigil", executable: true)
        }
        let programs = workDirectory + "/programs"
        try await Subprocess("make", ["-s", "-C", layout.testPrograms, "OUT=\(programs)"]).check()
        for name in HostFiles.list(programs) where !name.hasPrefix(".") {
            try StaticBinary.require(programs + "/" + name, role: "test program \(name)")
            try HostFiles.copy(programs + "/" + name, to: stage + "/usr/local/bin/" + name, executable: true)
        }
        let archive = workDirectory + "/runtime.cpio.gz"
        try await CpioArchiver.pack(directory: stage, into: archive)
        HostFiles.remove(stage)
        return archive
    }

    /// The test modules of `Lab/modules`, built for `kernel` against its installed headers,
    /// in `/lab/modules/NAME.ko`, and the stock modules in `/lab/kmod/NAME.ko`; built once per
    /// kernel per `vigil-lab run`.
    func kernelPart(kernel: ResolvedKernel) async throws -> String {
        let stage = workDirectory + "/stage-kernel-\(kernel.release)"
        let built = workDirectory + "/modules-\(kernel.release)"
        HostFiles.remove(stage)
        try HostFiles.createDirectory(stage + "/lab/modules")
        for name in HostFiles.list(layout.testModules).sorted() {
            let source = layout.testModules + "/" + name
            guard HostFiles.isDirectory(source), HostFiles.exists(source + "/Makefile") else { continue }
            try await Subprocess("make", ["-s", "-C", source, "KRELEASE=\(kernel.release)", "OUT=\(built)"]).check()
        }
        for name in HostFiles.list(built) where name.hasSuffix(".ko") {
            try HostFiles.copy(built + "/" + name, to: stage + "/lab/modules/" + name, executable: false)
        }
        try await addStockModules(kernel: kernel, stage: stage)
        let archive = workDirectory + "/kernel-\(kernel.release).cpio.gz"
        try await CpioArchiver.pack(directory: stage, into: archive)
        HostFiles.remove(stage)
        return archive
    }

    /// Copies each of `StockModule.lab` from the kernel's unpacked package to `stage/lab/kmod/`,
    /// decompressing `.ko.xz` (and `.ko.zst`, `.ko.gz`) there. A module the tree lacks (built
    /// into that kernel, or not built) is skipped with a note: the scenario finds no file.
    func addStockModules(kernel: ResolvedKernel, stage: String) async throws {
        let tree = layout.kernelModuleTree(release: kernel.release)
        for module in StockModule.lab {
            guard let source = StockModuleResolver.resolve(module, kernelTree: tree, exists: HostFiles.exists) else {
                print("note: \(kernel.release) has no \(module.treePath).ko* in \(layout.relative(tree)) (built in?); no /\(module.guestPath)")
                continue
            }
            let staged = stage + "/" + source.stagedPath
            try HostFiles.copy(source.path, to: staged, executable: false)
            if let command = source.compression.decompressCommand(path: staged) {
                try await Subprocess(command.executable, command.arguments).check()
            }
            let decompressed = stage + "/" + module.guestPath
            guard HostFiles.exists(decompressed),
                  StockModuleResolver.looksLikeELF(try HostFiles.readPrefix(decompressed, count: 4)) else {
                throw LabError("stock module \(layout.relative(source.path)) did not give an ELF file at /\(module.guestPath)")
            }
        }
    }

    /// The scenario's files and the kernel's config, packed in the run's own folder.
    func scenarioPart(scenario: Scenario, kernel: ResolvedKernel, runDirectory: String) async throws -> String {
        let stage = runDirectory + "/stage-scenario"
        HostFiles.remove(stage)
        for file in ScenarioPayload(scenario: scenario).files {
            try HostFiles.writeText(file.contents, to: stage + "/" + file.path, executable: file.executable)
        }
        try HostFiles.copy(
            layout.kernelConfig(release: kernel.release),
            to: stage + "/boot/config-\(kernel.release)",
            executable: false
        )
        let archive = runDirectory + "/scenario.cpio.gz"
        try await CpioArchiver.pack(directory: stage, into: archive)
        HostFiles.remove(stage)
        return archive
    }
}
