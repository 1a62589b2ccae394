import Testing
@testable import VigilLab

@Suite("Stock modules of the guest kernel")
struct StockModuleTests {
    let layout = LabLayout(root: "/repo")
    let msr = StockModule(name: "msr", treePath: "arch/x86/kernel/msr")

    @Test func msrIsAStockModuleAtLabKmod() {
        #expect(StockModule.lab.contains(msr))
        #expect(msr.guestPath == "lab/kmod/msr.ko")
    }

    @Test func treeIsTheUnpackedPackagesModuleDirectory() {
        #expect(layout.kernelModuleTree(release: "6.12.117+deb12-amd64")
            == "/repo/.lab/cache/kernels/6.12.117+deb12-amd64/lib/modules/6.12.117+deb12-amd64/kernel")
    }

    @Test func uncompressedModuleAsOn61() throws {
        let tree = layout.kernelModuleTree(release: "6.1.0-56-amd64")
        let files: Set = [tree + "/arch/x86/kernel/msr.ko", tree + "/arch/x86/kernel/cpuid.ko"]
        let source = try #require(StockModuleResolver.resolve(msr, kernelTree: tree, exists: files.contains))
        #expect(source.path == tree + "/arch/x86/kernel/msr.ko")
        #expect(source.compression == .none)
        #expect(source.stagedPath == "lab/kmod/msr.ko")
        #expect(source.compression.decompressCommand(path: "/s/" + source.stagedPath) == nil)
    }

    @Test func xzModuleAsOn612IsDecompressedInPlace() throws {
        let tree = layout.kernelModuleTree(release: "6.12.117+deb12-amd64")
        let files: Set = [tree + "/arch/x86/kernel/msr.ko.xz"]
        let source = try #require(StockModuleResolver.resolve(msr, kernelTree: tree, exists: files.contains))
        #expect(source.path == tree + "/arch/x86/kernel/msr.ko.xz")
        #expect(source.compression == .xz)
        #expect(source.stagedPath == "lab/kmod/msr.ko.xz")
        let command = try #require(source.compression.decompressCommand(path: "/s/lab/kmod/msr.ko.xz"))
        #expect(command.executable == "xz")
        #expect(command.arguments == ["--decompress", "--force", "/s/lab/kmod/msr.ko.xz"])
        // Decompressing the staged file in place leaves the guest path.
        #expect("/s/" + source.stagedPath.dropLast(".xz".count) == "/s/" + msr.guestPath)
    }

    @Test func everyCompressionStagesNextToTheGuestPath() {
        for compression in ModuleCompression.allCases {
            let staged = StockModuleSource(module: msr, path: "x", compression: compression).stagedPath
            #expect(staged.hasPrefix(msr.guestPath))
            #expect((compression.decompressCommand(path: staged) == nil) == (compression == .none))
        }
        #expect(ModuleCompression.zstd.decompressCommand(path: "m.ko.zst")?.arguments.contains("--rm") == true)
    }

    @Test func uncompressedWinsOverCompressed() throws {
        let files: Set = ["/t/arch/x86/kernel/msr.ko.zst", "/t/arch/x86/kernel/msr.ko"]
        #expect(try #require(StockModuleResolver.resolve(msr, kernelTree: "/t", exists: files.contains)).compression == .none)
    }

    @Test func missingModuleIsNil() {
        #expect(StockModuleResolver.resolve(msr, kernelTree: "/t", exists: { _ in false }) == nil)
        #expect(StockModuleResolver.resolve(msr, kernelTree: "/t", exists: { $0 == "/t/arch/x86/kernel/cpuid.ko" }) == nil)
    }

    @Test func elfMagic() {
        #expect(StockModuleResolver.looksLikeELF([0x7F, 0x45, 0x4C, 0x46, 2, 1]))
        #expect(!StockModuleResolver.looksLikeELF([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]))
        #expect(!StockModuleResolver.looksLikeELF([0x7F]))
    }
}
