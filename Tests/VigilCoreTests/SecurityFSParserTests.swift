import Testing
@testable import VigilCore

@Suite("securityfs parsers")
struct SecurityFSParserTests {
    @Test func parsesTheLSMList() throws {
        let names = try SecurityFSParser.parseLSMList("lockdown,capability,landlock,yama,apparmor,bpf")
        #expect(names == ["lockdown", "capability", "landlock", "yama", "apparmor", "bpf"])
    }

    @Test(arguments: ["", "\n", "capability,,bpf", "capa bility"])
    func rejectsMalformedLSMLists(text: String) {
        #expect(throws: ParseError.self) { try SecurityFSParser.parseLSMList(text) }
    }

    @Test(arguments: [
        ("[none] integrity confidentiality\n", LockdownMode.none),
        ("none [integrity] confidentiality\n", .integrity),
        ("none integrity [confidentiality]", .confidentiality),
    ])
    func parsesLockdown(text: String, mode: LockdownMode) throws {
        #expect(try SecurityFSParser.parseLockdown(text) == mode)
    }

    @Test(arguments: ["none integrity confidentiality", "[none] [integrity]", "[paranoid] none", ""])
    func rejectsMalformedLockdown(text: String) {
        #expect(throws: ParseError.self) { try SecurityFSParser.parseLockdown(text) }
    }
}
