import Foundation
import VigilLab

/// Gets lab kernels onto this machine without installing them: resolves each series to a
/// package, downloads it with `apt-get download`, unpacks it with `dpkg-deb -x` into
/// `.lab/cache/kernels/<release>/`, and installs the matching headers on request.
struct KernelFetcher {
    var layout: LabLayout
    var catalog: any PackageCatalog = AptPackageCatalog()

    /// Resolves and unpacks one series, printing what it does.
    func fetch(_ spec: KernelSpec) async throws -> ResolvedKernel {
        let kernel = try await resolve(spec)
        if let note = kernel.fallbackNote {
            print("note: \(note)")
        }
        if HostFiles.exists(layout.kernelCompleteMarker(release: kernel.release)) {
            print("kernel \(kernel.release) (\(kernel.series)): cached")
        } else {
            try await unpack(kernel)
        }
        guard HostFiles.exists(layout.kernelImage(release: kernel.release)) else {
            throw LabError("\(kernel.package) has no boot/vmlinuz-\(kernel.release); remove \(layout.kernelDirectory(release: kernel.release)) and try again")
        }
        return kernel
    }

    /// The package for a series; offline, an already unpacked preferred package still counts.
    func resolve(_ spec: KernelSpec) async throws -> ResolvedKernel {
        do {
            return try await KernelResolver(catalog: catalog).resolve(spec)
        } catch {
            if let release = KernelPackageName.release(ofImagePackage: spec.preferredPackage),
               HostFiles.exists(layout.kernelCompleteMarker(release: release)) {
                return ResolvedKernel(
                    series: spec.series,
                    package: spec.preferredPackage,
                    release: release,
                    fallbackNote: "apt-cache could not confirm \(spec.preferredPackage) (\(error)); using the unpacked copy in .lab/cache"
                )
            }
            throw error
        }
    }

    func unpack(_ kernel: ResolvedKernel) async throws {
        try HostFiles.createDirectory(layout.debCache)
        let package = try await download(kernel)
        print("unpacking \(layout.relative(package)) …")
        let destination = layout.kernelDirectory(release: kernel.release)
        let partial = destination + ".partial"
        HostFiles.remove(partial)
        HostFiles.remove(destination)
        try HostFiles.createDirectory(partial)
        let result = try await Subprocess("dpkg-deb", ["-x", package, partial]).check()
        try HostFiles.move(partial, to: destination)
        try HostFiles.writeText("\(kernel.package)\n", to: layout.kernelCompleteMarker(release: kernel.release))
        print("kernel \(kernel.release): unpacked in \(DurationText.seconds(result.wallMilliseconds)) into \(layout.relative(destination))")
    }

    /// The `.deb` of the package in the download cache, fetched when missing.
    func download(_ kernel: ResolvedKernel) async throws -> String {
        if let cached = cachedPackage(kernel) {
            print("kernel \(kernel.release): package cached (\(layout.relative(cached)))")
            return cached
        }
        print("fetching kernel \(kernel.release) (\(kernel.package)) …")
        // As root, apt hands downloads to the _apt user, who cannot write here; download as root instead.
        var command = Subprocess(
            "apt-get",
            ["-o", "APT::Sandbox::User=root", "download", kernel.package],
            currentDirectory: layout.debCache
        )
        command.output = .inherit
        let result = try await command.check()
        guard let downloaded = cachedPackage(kernel) else {
            throw LabError("apt-get download \(kernel.package) left no .deb in \(layout.debCache)")
        }
        print("kernel \(kernel.release): downloaded in \(DurationText.seconds(result.wallMilliseconds))")
        return downloaded
    }

    func cachedPackage(_ kernel: ResolvedKernel) -> String? {
        // apt-get download names files PACKAGE_VERSION_ARCH.deb, with ':' in the version escaped as %3a.
        HostFiles.list(layout.debCache)
            .filter { $0.hasPrefix(kernel.package + "_") && $0.hasSuffix(".deb") }
            .last
            .map { layout.debCache + "/" + $0 }
    }

    /// Installs `linux-headers-<release>` unless `/lib/modules/<release>/build` is there already.
    func ensureHeaders(_ kernel: ResolvedKernel) async throws -> String {
        let build = "/lib/modules/\(kernel.release)/build"
        if HostFiles.exists(build) {
            print("headers \(kernel.release): present (\(build))")
            return build
        }
        let package = KernelPackageName.headersPackage(forRelease: kernel.release)
        print("installing \(package) …")
        var command = Subprocess("apt-get", ["install", "-y", "--no-install-recommends", package])
        command.environment = ["DEBIAN_FRONTEND": "noninteractive"]
        command.output = .inherit
        let result = try await command.check()
        guard HostFiles.exists(build) else {
            throw LabError("\(package) is installed but \(build) is missing")
        }
        print("headers \(kernel.release): installed in \(DurationText.seconds(result.wallMilliseconds))")
        return build
    }
}
