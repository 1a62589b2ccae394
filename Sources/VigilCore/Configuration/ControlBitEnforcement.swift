/// LKRG's `smep_enforce` and `smap_enforce`: what happens when a CPU's CR4 is found without
/// SMEP (and UMIP, which Vigil checks with it) or SMAP.
///
/// LKRG's 1, log and restore the bit, is not offered: writing CR4 takes code running in the
/// kernel, and Vigil loads no module. A configuration that leaves the knob unset handles the
/// finding as `kint_enforce` says, as `vigil run` always has.
public enum ControlBitEnforcement: UInt32, Sendable, Codable, CaseIterable {
    /// Log once, and accept the cleared bit as the new state.
    case logAndAccept = 0
    /// Log, then panic the kernel.
    case panic = 2
}
