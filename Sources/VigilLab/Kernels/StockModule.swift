/// A module of the guest kernel's own image package that the initramfs carries, decompressed, at
/// `/lab/kmod/NAME.ko`, so that scenarios can `insmod` a driver the busybox guest has no
/// `modprobe` tree for (e.g. `msr`, which gives `/dev/cpu/N/msr`).
///
/// Stock modules come from the unpacked package in `.lab/cache/kernels/<release>/lib/modules/<release>/kernel/`,
/// where Debian ships them as `.ko` (6.1) or `.ko.xz` (6.12); they are Debian-signed and match the
/// kernel exactly, unlike the lab's own test modules, which are built against the headers.
public struct StockModule: Equatable, Sendable {
    /// The module name, and the file name in the guest: `msr` → `/lab/kmod/msr.ko`.
    public var name: String
    /// The path below `lib/modules/<release>/kernel/`, without extension: `arch/x86/kernel/msr`.
    public var treePath: String

    public init(name: String, treePath: String) {
        self.name = name
        self.treePath = treePath
    }

    /// The stock modules every guest gets (when the kernel has them as modules).
    public static let lab: [StockModule] = [
        StockModule(name: "msr", treePath: "arch/x86/kernel/msr"),
    ]

    /// Where the guest finds it, relative to the initramfs root.
    public var guestPath: String { "lab/kmod/\(name).ko" }
}

/// How a module file in a kernel tree is compressed (`CONFIG_MODULE_COMPRESS_*`).
public enum ModuleCompression: String, CaseIterable, Equatable, Sendable {
    case none
    case xz
    case zstd
    case gzip

    /// The file's extension after the module name.
    public var fileExtension: String {
        switch self {
        case .none: ".ko"
        case .xz: ".ko.xz"
        case .zstd: ".ko.zst"
        case .gzip: ".ko.gz"
        }
    }

    /// The command that decompresses `path` (ending in `fileExtension`) in place, leaving the
    /// `.ko` beside it and removing the compressed file; `nil` for an uncompressed module.
    public func decompressCommand(path: String) -> (executable: String, arguments: [String])? {
        switch self {
        case .none: nil
        case .xz: ("xz", ["--decompress", "--force", path])
        case .zstd: ("zstd", ["--decompress", "--force", "--rm", "--quiet", path])
        case .gzip: ("gzip", ["--decompress", "--force", path])
        }
    }
}

/// A stock module found in a kernel tree.
public struct StockModuleSource: Equatable, Sendable {
    public var module: StockModule
    /// The file in the kernel tree.
    public var path: String
    public var compression: ModuleCompression

    public init(module: StockModule, path: String, compression: ModuleCompression) {
        self.module = module
        self.path = path
        self.compression = compression
    }

    /// The name the file gets when copied next to the guest path before decompression:
    /// `lab/kmod/msr.ko.xz`, which decompresses to `lab/kmod/msr.ko`.
    public var stagedPath: String {
        "lab/kmod/\(module.name)\(compression.fileExtension)"
    }
}

/// Finds stock modules in an unpacked kernel package.
public enum StockModuleResolver {
    /// `kernelTree` is `.../lib/modules/<release>/kernel`; the uncompressed file wins over
    /// compressed ones, then xz, zstd, gzip. `nil` when the tree has none (the driver is built
    /// in, or not built at all: the kernel config tells which).
    public static func resolve(
        _ module: StockModule,
        kernelTree: String,
        exists: (String) -> Bool
    ) -> StockModuleSource? {
        for compression in ModuleCompression.allCases {
            let path = kernelTree + "/" + module.treePath + compression.fileExtension
            if exists(path) {
                return StockModuleSource(module: module, path: path, compression: compression)
            }
        }
        return nil
    }

    /// Whether bytes start like an ELF file: a decompressed module must.
    public static func looksLikeELF(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46])
    }
}
