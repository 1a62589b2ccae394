/// A module load the module-load policy refused.
public struct ModulePolicyEvent: Sendable, Equatable {
    public enum Reason: UInt32, Sendable, Codable {
        case blockModules = 1
        case notAllowlisted = 2
        case nameUnreadable = 3

        public var name: String {
            switch self {
            case .blockModules: "block-modules"
            case .notAllowlisted: "not-allowlisted"
            case .nameUnreadable: "name-unreadable"
            }
        }

        public var explanation: String {
            switch self {
            case .blockModules: "block_modules=1 refuses every module load"
            case .notAllowlisted: "the module's name is not on the allowlist"
            case .nameUnreadable: "an allowlist is set and the image names no module (compressed or not ELF)"
            }
        }
    }

    public enum Operation: UInt32, Sendable, Codable {
        case fromFile = 1
        case fromMemory = 2

        public var systemCall: String { self == .fromFile ? "finit_module" : "init_module" }
    }

    public var reason: Reason
    public var operation: Operation
    public var pid: UInt32
    public var uid: UInt32
    public var comm: String
    /// The module's own name, when the image was read.
    public var name: String?
    /// The file's name (finit_module).
    public var file: String?
    public var result: Int32
    public var bootNanoseconds: UInt64

    public init(reason: Reason, operation: Operation, pid: UInt32, uid: UInt32, comm: String, name: String?, file: String?, result: Int32, bootNanoseconds: UInt64) {
        self.reason = reason
        self.operation = operation
        self.pid = pid
        self.uid = uid
        self.comm = comm
        self.name = name
        self.file = file
        self.result = result
        self.bootNanoseconds = bootNanoseconds
    }

    public var summary: String {
        let what = name ?? file ?? "a module"
        return "BLOCK: Modules: \(operation.systemCall) of \(what) by \(comm)[\(pid)] refused: \(reason.explanation)"
    }
}
