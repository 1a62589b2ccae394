import VigilCore

extension HostKernelState {
    /// The CPUs below the same root (the validator keeps it, and with it the open msr devices).
    public func processors() -> any ProcessorStateSource {
        HostProcessorState(root: root)
    }
}
