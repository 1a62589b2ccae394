import ArgumentParser

/// `vigil-lab`: boots Vigil scenarios on real Debian kernels under QEMU and reports the verdicts.
@main
struct VigilLabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil-lab",
        abstract: "Boot Vigil's lab scenarios on real kernels under QEMU (TCG) and report the verdicts.",
        discussion: """
        Kernels come from the Debian archive (Lab/kernels.conf) and are unpacked into .lab/cache, \
        never installed. Every guest is a fresh QEMU machine booted from an initramfs; nothing touches \
        the kernel of this machine. See docs/lab.md.
        """,
        subcommands: [KernelsCommand.self, ScenariosCommand.self, RunCommand.self]
    )
}
