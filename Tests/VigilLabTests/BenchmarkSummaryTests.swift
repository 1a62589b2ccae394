import Testing
@testable import VigilLab

@Suite("benchmark summary")
struct BenchmarkSummaryTests {
    let lines = [
        "[action] BENCH phase=baseline op=getppid ns=500 batches=256 min=480 max=900",
        "[action] BENCH phase=enforce op=getppid ns=510 batches=256 min=480 max=900",
        "[action] BENCH phase=baseline op=getppid ns=520 batches=256 min=480 max=900",
        "[action] BENCH phase=baseline op=open+close ns=20000",
        "[action] BENCH phase=enforce op=open+close ns=25000",
        "[action] BENCH phase=baseline op=open+close ns=20000",
        "[action] BENCH phase=detect op=open+close ns=24000",
        "[setup] seconds_to_protection=2.1",
        "BENCH phase=enforce op=broken ns=fast",
        "BENCH op=nophase ns=1",
    ]

    @Test func takesMediansAndOverheadsAgainstTheBaseline() throws {
        let summary = BenchmarkSummary(lines: lines)
        #expect(summary.phases == ["enforce", "detect"])
        #expect(summary.rows.map(\.operation) == ["getppid", "open+close"])
        let open = try #require(summary.rows.last)
        #expect(open.medians["baseline"] == 20000)
        #expect(open.overhead("enforce") == 0.25)
        #expect(open.overhead("detect") == 0.2)
        #expect(open.baselineSpread == 0)
        let getppid = try #require(summary.rows.first)
        #expect(getppid.medians["baseline"] == 510)
        #expect(getppid.overhead("detect") == nil)
    }

    @Test func rendersAMarkdownTable() {
        let table = BenchmarkSummary(lines: lines).markdown
        #expect(table.hasPrefix("| operation | baseline | enforce | enforce overhead | detect | detect overhead | baseline spread |\n"))
        #expect(table.contains("| open+close | 20.0 µs | 25.0 µs | +25% | 24.0 µs | +20% | ±0% |"))
        #expect(table.contains("| getppid | 510 ns | 510 ns | 0% | – | – | ±4% |"))
    }

    @Test func isEmptyWithoutBenchLines() {
        #expect(BenchmarkSummary(lines: ["[action] hello"]).isEmpty)
    }
}
