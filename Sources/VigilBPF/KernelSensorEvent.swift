import VigilCore

/// A message from the kernel-integrity programs.
public enum KernelSensorEvent: Sendable, Equatable {
    public enum ModuleAction: UInt32, Sendable {
        case loaded = 1, initialised = 2, freed = 3, listed = 4, listEnd = 5
    }

    public enum WriteSource: UInt32, Sendable {
        case sysctl = 1, selinuxEnforce = 2, lockdown = 3, moduleParameter = 4, ueventHelper = 5

        /// The interface, as an operator knows it.
        public var interface: String {
            switch self {
            case .sysctl: "/proc/sys"
            case .selinuxEnforce: "selinuxfs"
            case .lockdown: "securityfs lockdown"
            case .moduleParameter: "a module parameter"
            case .ueventHelper: "/sys/kernel/uevent_helper"
            }
        }
    }

    /// Who made the change.
    public struct Writer: Sendable, Equatable, CustomStringConvertible {
        public var pid: UInt32
        public var uid: UInt32
        public var comm: String

        public var description: String { "\(comm)[\(pid)] uid \(uid)" }
    }

    case module(action: ModuleAction, record: KernelModuleRecord, initResult: Int32, sequence: UInt32, writer: Writer, bootNanoseconds: UInt64)
    case write(source: WriteSource, address: UInt64, value: [UInt8], name: String, writer: Writer, bootNanoseconds: UInt64)
}
