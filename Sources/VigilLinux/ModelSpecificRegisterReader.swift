import SystemPackage
import VigilCore

/// Reads model-specific registers through the msr driver below a `SystemRoot`:
/// a `pread` of 8 bytes at offset R of `/dev/cpu/N/msr` returns MSR R of CPU N,
/// little-endian (the driver runs `rdmsr` on that CPU). The corresponding C
/// function is `pread`. Needs CAP_SYS_RAWIO; reading stays allowed under
/// lockdown, where writing does not. Only reads: nothing is ever written.
///
/// A CPU's device stays open once read, which also keeps the msr module from
/// being unloaded under Vigil. Not thread-safe: one owner drives it.
public final class ModelSpecificRegisterReader {
    /// Why a register could not be read.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// No msr driver: the device node is missing (ENOENT) or has no driver behind it (ENXIO, ENODEV).
        case driverMissing(cpu: Int, LinuxError)
        /// The CPU does not have the register (the driver's `rdmsr` faulted: EIO).
        case registerMissing(ModelSpecificRegister, cpu: Int)
        /// Anything else: no CAP_SYS_RAWIO (EPERM), a short read.
        case failed(LinuxError)

        public var description: String {
            switch self {
            case .driverMissing(let cpu, let error):
                let path = ModelSpecificRegisterReader.path(cpu: cpu)
                return error.kind == .notFound
                    ? "\(path) is missing (load the msr module)"
                    : "\(path) has no driver (load the msr module): \(error)"
            case .registerMissing(let register, let cpu):
                return "CPU \(cpu) has no \(register.name)"
            case .failed(let error):
                return "\(error)"
            }
        }
    }

    public let root: SystemRoot
    private var descriptors: [Int: FileDescriptor] = [:]

    public init(root: SystemRoot) {
        self.root = root
    }

    deinit {
        for descriptor in descriptors.values { try? descriptor.close() }
    }

    /// The msr driver's device for `cpu`.
    public static func path(cpu: Int) -> String {
        "/dev/cpu/\(cpu)/msr"
    }

    /// Reads one register of one CPU.
    public func read(_ register: ModelSpecificRegister, cpu: Int) throws(Failure) -> UInt64 {
        let path = Self.path(cpu: cpu)
        let descriptor = try open(cpu: cpu)
        var value: UInt64 = 0
        let result = withUnsafeMutableBytes(of: &value) { raw in
            Result { () throws(LinuxError) in try descriptor.readFully(at: UInt64(register.number), into: raw, path: path) }
        }
        switch result {
        case .success(let count) where count == 8:
            return UInt64(littleEndian: value)
        case .success(let count):
            forget(cpu: cpu)
            throw .failed(LinuxError(kind: .ioError, operation: "pread", path: path, message: "\(count) of 8 bytes at \(register.name)"))
        case .failure(let error) where error.errno == Errno.ioError.rawValue:
            throw .registerMissing(register, cpu: cpu)
        case .failure(let error):
            // The CPU may have gone offline: open it afresh next time.
            forget(cpu: cpu)
            throw .failed(error)
        }
    }

    /// Reads `registers` of one CPU, leaving out those the CPU does not have.
    /// - Throws: `Failure.driverMissing` or `.failed` when the CPU's MSRs cannot be read at all.
    public func read(_ registers: [ModelSpecificRegister], cpu: Int) throws(Failure) -> [ModelSpecificRegister: UInt64] {
        var values: [ModelSpecificRegister: UInt64] = [:]
        for register in registers {
            do throws(Failure) {
                values[register] = try read(register, cpu: cpu)
            } catch .registerMissing {
                continue
            }
        }
        return values
    }

    private func open(cpu: Int) throws(Failure) -> FileDescriptor {
        if let descriptor = descriptors[cpu] { return descriptor }
        do throws(LinuxError) {
            let descriptor = try FileDescriptor.openReadOnly(Self.path(cpu: cpu), below: root)
            descriptors[cpu] = descriptor
            return descriptor
        } catch {
            let absent = [Errno.noSuchFileOrDirectory, .noSuchAddressOrDevice, .operationNotSupportedByDevice].map(\.rawValue)
            if let errno = error.errno, absent.contains(errno) { throw .driverMissing(cpu: cpu, error) }
            throw .failed(error)
        }
    }

    private func forget(cpu: Int) {
        try? descriptors.removeValue(forKey: cpu)?.close()
    }
}
