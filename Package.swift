// swift-tools-version: 6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "vigil",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vigil", targets: ["vigil"]),
        .executable(name: "vigil-lab", targets: ["vigil-lab"]),
        .library(name: "VigilCore", targets: ["VigilCore"]),
        .library(name: "VigilLinux", targets: ["VigilLinux"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
    ],
    targets: [
        // Platform-free: models, byte parsers, assessments. Knows nothing of Linux.
        .target(
            name: "VigilCore",
            swiftSettings: strictSettings
        ),
        // Linux: syscall wrappers with typed errors, readers of /proc, /sys and /boot below an injectable root.
        .target(
            name: "VigilLinux",
            dependencies: [
                "VigilCore",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        // libbpf as a system library (Debian: libbpf-dev, libelf-dev, zlib1g-dev).
        .systemLibrary(
            name: "CLibBPF",
            path: "Sources/CLibBPF",
            providers: [.apt(["libbpf-dev", "libelf-dev", "zlib1g-dev"])]
        ),
        // The ABI shared by the BPF programs and the agent (bpf/include/vigil_abi.h).
        .target(name: "CVigilABI"),
        // Compiles bpf/*.c and embeds the object (build tool and plugin).
        .executableTarget(name: "vigil-bpf-embed"),
        .plugin(name: "BPFObjectPlugin", capability: .buildTool(), dependencies: ["vigil-bpf-embed"]),
        // BPF layer: loading the sensors through libbpf, maps, the event ring, decoding events.
        .target(
            name: "VigilBPF",
            dependencies: ["CLibBPF", "CVigilABI", "VigilCore", "VigilLinux"],
            swiftSettings: strictSettings,
            plugins: ["BPFObjectPlugin"]
        ),
        // The commands of the `vigil` executable, as a library so that tests can drive them.
        .target(
            name: "VigilCLI",
            dependencies: [
                "VigilCore",
                "VigilLinux",
                "VigilBPF",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "vigil",
            dependencies: ["VigilCLI", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        // The lab: scenarios, result protocol and reports (platform-free, tested) ...
        .target(
            name: "VigilLab",
            dependencies: ["VigilCore"],
            swiftSettings: strictSettings
        ),
        // ... and the harness that fetches kernels, builds initramfs images and boots QEMU guests.
        .executableTarget(
            name: "vigil-lab",
            dependencies: [
                "VigilLab",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VigilCoreTests",
            dependencies: ["VigilCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VigilBPFTests",
            dependencies: ["VigilBPF", "CVigilABI", "VigilCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VigilLinuxTests",
            dependencies: ["VigilLinux", "VigilCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VigilCLITests",
            dependencies: [
                "VigilCLI", "VigilCore", "VigilLinux",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VigilLabTests",
            dependencies: ["VigilLab"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
