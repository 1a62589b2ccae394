import Testing
@testable import VigilCore

@Suite("Prometheus text exposition")
struct PrometheusExpositionTests {
    @Test func rendersHelpTypeAndSamples() {
        let text = PrometheusExposition.render([
            PrometheusMetric(name: "vigil_up", help: "1 while vigil run protects.", kind: .gauge, value: 1),
            PrometheusMetric(name: "vigil_detections_total", help: "Alerts, by record type and kind.", kind: .counter, samples: [
                .init(labels: [("type", "process-integrity"), ("kind", "state-mismatch")], value: 3),
                .init(labels: [("type", "usermode-helper"), ("kind", "call")], value: 1),
            ]),
            PrometheusMetric(name: "vigil_kernel_check_seconds_sum", help: "Seconds spent", kind: .counter, value: 0.25),
        ])
        #expect(text == """
            # HELP vigil_up 1 while vigil run protects.
            # TYPE vigil_up gauge
            vigil_up 1
            # HELP vigil_detections_total Alerts, by record type and kind.
            # TYPE vigil_detections_total counter
            vigil_detections_total{type="process-integrity",kind="state-mismatch"} 3
            vigil_detections_total{type="usermode-helper",kind="call"} 1
            # HELP vigil_kernel_check_seconds_sum Seconds spent
            # TYPE vigil_kernel_check_seconds_sum counter
            vigil_kernel_check_seconds_sum 0.25

            """)
    }

    @Test func escapesLabelsAndHelp() {
        let text = PrometheusExposition.render([
            PrometheusMetric(name: "m", help: "back\\slash\nnewline", kind: .gauge, samples: [.init(labels: [("path", "a\"b\\c\nd")], value: .infinity)]),
        ])
        #expect(text.contains(#"# HELP m back\\slash\nnewline"#))
        #expect(text.contains(#"m{path="a\"b\\c\nd"} +Inf"#))
    }
}
