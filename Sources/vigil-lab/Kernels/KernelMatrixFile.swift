import VigilLab

/// Reads `Lab/kernels.conf`.
enum KernelMatrixFile {
    static func load(_ layout: LabLayout) throws -> [KernelSpec] {
        let text = try HostFiles.readText(layout.kernelMatrix)
        do {
            return try KernelMatrixParser().parse(text, file: layout.relative(layout.kernelMatrix))
        } catch {
            throw LabError(error.description)
        }
    }
}
