import Logging
import Testing
@testable import VigilCLI

@Suite("journal log lines")
struct JournalLogHandlerTests {
    @Test func carryTheSyslogPriorityAndSortedMetadata() {
        let line = JournalLogHandler.line(level: .critical, label: "vigil", message: "module load refused", metadata: ["reason": "block-modules", "module": "x"])
        #expect(line == "<2>vigil: module load refused module=x reason=block-modules\n")
        #expect(JournalLogHandler.line(level: .warning, label: "vigil", message: "a\nb", metadata: [:]) == "<4>vigil: a b\n")
        #expect(JournalLogHandler.priority(.debug) == 7)
        #expect(JournalLogHandler.priority(.notice) == 5)
        #expect(JournalLogHandler.priority(.error) == 3)
    }
}
