import ArgumentParser

/// How QEMU's TCG runs the guest's vCPUs (`--tcg-threads`).
enum TCGThreading: String, ExpressibleByArgument, CaseIterable {
    /// One host thread per vCPU (MTTCG), QEMU's default.
    case multi
    /// All vCPUs in one host thread, round-robin.
    case single
}
