import Testing
import VigilCore
@testable import VigilCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

@Suite("metrics textfile")
struct MetricsTextfileTests {
    @Test func replacesTheFileWhole() throws {
        let path = "/tmp/vigil-metrics-test-\(getpid()).prom"
        defer { unlink(path) }
        let file = MetricsTextfile(path: path)
        try file.write([PrometheusMetric(name: "vigil_up", help: "up", kind: .gauge, value: 1)])
        try file.write([PrometheusMetric(name: "vigil_up", help: "up", kind: .gauge, value: 0)])
        var buffer = [UInt8](repeating: 0, count: 4096)
        let descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
        let count = read(descriptor, &buffer, buffer.count)
        close(descriptor)
        let text = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
        #expect(text == "# HELP vigil_up up\n# TYPE vigil_up gauge\nvigil_up 0\n")
        #expect(access(path + ".tmp", F_OK) != 0)
    }

    @Test func anUnwritableDirectoryIsAnError() {
        #expect(throws: CommandFailure.self) {
            try MetricsTextfile(path: "/nonexistent-vigil-dir/vigil.prom").write([])
        }
    }

    @Test func detectionsAreTalliedByTypeAndKind() {
        let tally = DetectionTally()
        tally.count(type: "module-policy", kind: "block-modules")
        tally.count(type: "module-policy", kind: "block-modules")
        tally.count(type: "usermode-helper", kind: "variable-tampered")
        #expect(tally.counts == ["module-policy": ["block-modules": 2], "usermode-helper": ["variable-tampered": 1]])
    }
}
