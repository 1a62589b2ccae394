import Testing
@testable import VigilCore

@Suite("CPU list parser")
struct CPUListParserTests {
    @Test(arguments: [
        ("0\n", [0]),
        ("0-3\n", [0, 1, 2, 3]),
        ("0-3,5,8-9\n", [0, 1, 2, 3, 5, 8, 9]),
        ("2,0-1", [0, 1, 2]),
        ("\n", []),
        ("", []),
    ])
    func parses(text: String, cpus: [Int]) throws {
        #expect(try CPUListParser.parse(text) == cpus)
    }

    @Test(arguments: ["a", "1-", "-1", "0,,1", "3-1", "0-1-2", "+1", "0x1", "1,", "99999999"])
    func rejects(text: String) {
        #expect(throws: ParseError.self) { try CPUListParser.parse(text) }
    }

    @Test func formatsAsTheKernelDoes() {
        #expect(CPUListParser.format([0, 1, 2, 3, 5, 8, 9]) == "0-3,5,8-9")
        #expect(CPUListParser.format([1]) == "1")
        #expect(CPUListParser.format([]) == "")
    }
}
