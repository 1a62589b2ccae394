import ArgumentParser
import Testing
import VigilCore
import VigilLinux
@testable import VigilCLI

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

@Suite("vigil check")
struct CheckCommandTests {
    static let fixtures: String = {
        let parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(2)
        return parts.joined(separator: "/") + "/Fixtures/rootfs"
    }()

    @Test func refusesToRunAsAnOrdinaryUserOnTheHost() {
        let producer = CheckReportProducer(environment: CheckEnvironment(root: .host, effectiveUserID: 1000, architecture: "x86_64"))
        do {
            _ = try producer.produce(json: false)
            Issue.record("a non-root check of the host must fail")
        } catch let failure as CommandFailure {
            #expect(failure.exitCode == ExitCode(77))
            #expect(failure.message.contains("must run as root"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func readsACapturedTreeAsAnyUser() throws {
        let root = SystemRoot(path: Self.fixtures + "/locked-down")
        let producer = CheckReportProducer(environment: CheckEnvironment(root: root, effectiveUserID: 1000, architecture: "x86_64"))
        let text = try producer.produce(json: false)
        #expect(text.contains("[FAIL] Kernel symbol addresses"))
        #expect(text.contains("fix: Set kernel.kptr_restrict to 0 or 1"))
        #expect(text.contains("Overall: some protections cannot run on this kernel"))

        let json = try producer.produce(json: true)
        let report = try JSONDecoder().decode(CheckReport.self, from: Data(json.utf8))
        #expect(report.overall == .unavailable)
        #expect(report.facts.lockdown.value == .confidentiality)
        #expect(report.vigil.schemaVersion == CheckReport.schemaVersion)
    }

    @Test func parsesItsOptions() throws {
        let command = try VigilCommand.parseAsRoot(["check", "--json", "--root", Self.fixtures + "/empty", "--architecture", "x86_64"])
        let check = try #require(command as? CheckCommand)
        #expect(check.json)
        #expect(check.architecture == "x86_64")
    }

    @Test(arguments: [
        (["check", "--root", "/nonexistent/vigil-root"], "--root '/nonexistent/vigil-root' is not a directory."),
        (["check", "--architecture", "arm64"], "--architecture only applies together with --root."),
    ])
    func rejectsBadArguments(arguments: [String], message: String) {
        #expect(throws: (any Error).self) { try VigilCommand.parseAsRoot(arguments) }
        do {
            _ = try VigilCommand.parseAsRoot(arguments)
        } catch {
            #expect(VigilCommand.message(for: error) == message)
        }
    }

    @Test func rejectsUnknownOptions() {
        #expect(throws: (any Error).self) { try VigilCommand.parseAsRoot(["check", "--frobnicate"]) }
    }
}

@Suite("vigil check on captured kernels")
struct CheckSnapshotTests {
    @Test(arguments: ["debian-6.1.0-56-amd64", "debian-6.12.117+deb12-amd64"])
    func humanReportOfACapturedDebianKernel(tree: String) throws {
        let root = SystemRoot(path: CheckCommandTests.fixtures + "/" + tree)
        let producer = CheckReportProducer(environment: CheckEnvironment(root: root, effectiveUserID: 1000, architecture: "x86_64"))
        try Snapshot.expect(try producer.produce(json: false), matches: "vigil-check-\(tree).txt")
    }
}
