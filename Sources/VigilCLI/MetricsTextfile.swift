import ArgumentParser
import VigilCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writes the daemon's metrics for node_exporter's textfile collector: the whole
/// file is written beside the target and renamed over it, so a scrape never reads
/// half a file.
struct MetricsTextfile {
    let path: String
    /// Seconds between writes.
    static let interval = 10.0

    func write(_ metrics: [PrometheusMetric]) throws {
        let text = PrometheusExposition.render(metrics)
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CommandFailure(message: "cannot write metrics to \(temporary): errno \(errno)", exitCode: .failure)
        }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                close(descriptor)
                throw CommandFailure(message: "cannot write metrics to \(temporary): errno \(errno)", exitCode: .failure)
            }
            offset += written
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            throw CommandFailure(message: "cannot rename \(temporary) to \(path): errno \(errno)", exitCode: .failure)
        }
    }
}
