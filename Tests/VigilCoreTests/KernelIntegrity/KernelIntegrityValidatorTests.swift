import Testing
@testable import VigilCore

extension KernelIntegrityTests {
    /// The validator end to end, against `FakeKernel`.
    @Suite("kernel integrity validator")
    struct KernelIntegrityValidatorTests {
        typealias K = FakeKernel

        static let acceptPolicy = KernelIntegrityPolicy(validation: .periodicAndEvents, enforcement: .logAndAccept, interval: 5)

        static func validator(_ kernel: FakeKernel, policy: KernelIntegrityPolicy = .default) throws -> KernelIntegrityValidator {
            try KernelIntegrityValidator(source: kernel, policy: policy)
        }

        // MARK: Baseline

        @Test func cleanKernelHasNoFindings() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            #expect(validator.startFindings().isEmpty)
            #expect(validator.validate(trigger: .start, moduleList: []).isEmpty)
            #expect(validator.validate(trigger: .timer, moduleList: []).isEmpty)
            #expect(validator.validate(trigger: .demand, moduleList: nil).isEmpty)
            #expect(kernel.pauses == 0, "nothing looked wrong, so nothing was looked at twice")
        }

        @Test func coverageOfTheFakeKernel() throws {
            let validator = try Self.validator(FakeKernel())
            let coverage = validator.coverage
            #expect(coverage.regions == ["core text", "rodata"])
            #expect(coverage.bytesCovered == K.textSize + K.rodataSize + InterruptDescriptorTable.byteCount)
            #expect(coverage.patchSites["jump labels"] == 1)
            #expect(coverage.patchSites["ftrace sites"] == 4)
            #expect(coverage.patchSites["static call trampolines"] == 1)
            #expect(coverage.systemCalls == 3)
            #expect(coverage.interruptGates == 2)
            #expect(coverage.variables == ["modprobe_path", "core_pattern"])
            #expect(coverage.gaps.isEmpty)
            #expect(validator.layout.systemCallCount == 3)
            #expect(validator.layout.rodataPart(of: K.sysCallTable + 8) == "rodata (sys_call_table)")
            #expect(validator.layout.rodataPart(of: K.jumpTable) == "ro-after-init (jump table)")
            #expect(validator.layout.rodataPart(of: K.afterSysCallTable) == "rodata")
        }

        @Test func missingTracefsAndDebugfsAreGaps() throws {
            let kernel = FakeKernel()
            kernel.hooks = nil
            kernel.kprobeList = nil
            let validator = try Self.validator(kernel)
            #expect(validator.coverage.gaps.count == 2)
            #expect(validator.coverage.gaps.contains { $0.hasPrefix("ftrace hooks:") })
            #expect(validator.coverage.gaps.contains { $0.hasPrefix("kprobes:") })
        }

        @Test func aLayoutSymbolMissingStopsTheBaseline() {
            #expect(throws: CoreKernelLayout.MissingSymbol(name: "_etext")) {
                _ = try CoreKernelLayout(symbols: SymbolTable(FakeKernel.coreSymbols.filter { $0.name != "_etext" }))
            }
        }

        @Test func anIllegitimateSiteAtStartIsReported() throws {
            let kernel = FakeKernel()
            // The jump label already jumps somewhere other than its target.
            kernel.write(Encode.jmp(at: K.jumpLabel, to: K.doSomething), at: K.jumpLabel)
            let validator = try Self.validator(kernel)
            let findings = validator.startFindings()
            #expect(findings.count == 1)
            let finding = try #require(findings.first)
            #expect(finding.kind == .tampered)
            #expect(finding.check == .coreText)
            #expect(finding.trigger == .start)
            #expect(finding.symbol == "vfs_read+0x10")
            #expect(finding.detail == "jump label: jump label holds neither its NOP nor a jump to its target (already when the baseline was taken)")
            #expect(validator.startFindings().isEmpty, "reported once")
        }

        // MARK: Core text

        @Test func aFlippedCoreTextByte() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.write([0xC3], at: K.doSomething + 5)
            let findings = validator.validate(trigger: .timer, moduleList: [])
            #expect(findings == [KernelIntegrityFinding(
                kind: .tampered, check: .coreText, trigger: .timer, region: "core text", symbol: "do_something+0x5",
                module: nil, address: K.doSomething + 5, expected: "90", actual: "c3", detail: "outside any patch site"
            )])
            #expect(findings.first?.summary == "DETECT: Kernel: core-text: core text changed unexpectedly at do_something+0x5 (outside any patch site)")
            #expect(kernel.pauses == 1, "looked at again after a pause before reporting")

            // A change that persists is reported once ...
            #expect(validator.validate(trigger: .timer, moduleList: []).isEmpty)
            // ... and again once withdrawn.
            validator.withdraw(findings)
            #expect(validator.validate(trigger: .demand, moduleList: []).map(\.symbol) == ["do_something+0x5"])
            // A different change at the same place is a new finding.
            kernel.write([0xC2], at: K.doSomething + 5)
            #expect(validator.validate(trigger: .timer, moduleList: []).map(\.actual) == ["c2"])
        }

        @Test func logAndAcceptAdoptsTheChange() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel, policy: Self.acceptPolicy)
            kernel.write([0xC3], at: K.doSomething + 5)
            let findings = validator.validate(trigger: .timer, moduleList: [])
            #expect(findings.map(\.symbol) == ["do_something+0x5"])
            #expect(validator.validate(trigger: .timer, moduleList: []).isEmpty)
            validator.withdraw(findings)
            #expect(validator.validate(trigger: .timer, moduleList: []).isEmpty, "adopted into the baseline")
            // A later change on top of the adopted one is reported.
            kernel.write([0x90], at: K.doSomething + 5)
            #expect(validator.validate(trigger: .timer, moduleList: []).map(\.actual) == ["90"])
        }

        /// Bug: kint_enforce=0 adopts only the first 32 bytes (the clipped evidence) of a longer change.
        @Test func logAndAcceptAdoptsAllOfALongChange() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel, policy: Self.acceptPolicy)
            kernel.write([UInt8](repeating: 0xC3, count: 40), at: K.doSomething + 0x10)
            let first = validator.validate(trigger: .timer, moduleList: [])
            #expect(first.map(\.symbol) == ["do_something+0x10"])
            let second = validator.validate(trigger: .timer, moduleList: [])
            do {
                #expect(second.isEmpty)
            }
        }

        @Test func tamperingSurvivesAModuleLoadAndFree() throws {
            // LKRG re-takes its hashes around module events; a change made just before one is laundered. Not here.
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.write([0xC3], at: K.doSomething + 5)
            let record = KernelModuleRecord(name: "vigil_benign", address: K.benignStruct, state: KernelModuleRecord.State.coming.rawValue,
                                            text: K.benignText..<(K.benignText + 0x100), rodata: 0..<0, roAfterInit: 0..<0)
            let loaded = validator.moduleLoaded(record)
            #expect(loaded.kind == .moduleLoaded)
            #expect(loaded.symbol == "vigil_benign")
            #expect(loaded.detail == "text 256 bytes")
            let freed = validator.moduleFreed(record)
            #expect(freed.kind == .moduleUnloaded)
            #expect(validator.moduleEventCount == 2)
            let findings = validator.validate(trigger: .moduleLoad, moduleList: [])
            #expect(findings.map(\.check) == [.coreText])
            #expect(findings.first?.trigger == .moduleLoad)
        }

        @Test func legitimateJumpLabelToggle() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.write(Encode.jmp(at: K.jumpLabel, to: K.jumpTarget), at: K.jumpLabel)
            #expect(validator.validate(trigger: .timer, moduleList: []).isEmpty)
            kernel.write(X86Instruction.nop5, at: K.jumpLabel)
            #expect(validator.validate(trigger: .timer, moduleList: []).isEmpty)
            // A jump elsewhere is not.
            kernel.write(Encode.jmp(at: K.jumpLabel, to: K.doSomething), at: K.jumpLabel)
            let findings = validator.validate(trigger: .timer, moduleList: [])
            #expect(findings.map(\.detail) == ["jump label: jump label holds neither its NOP nor a jump to its target"])
        }

        @Test func tracingAFunctionIsLegitimate() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.write(Encode.call(at: K.sysRead, to: K.ftraceCaller), at: K.sysRead)
            kernel.write(Encode.call(at: K.sysGetpid + 4, to: K.ftraceCaller), at: K.sysGetpid + 4)
            #expect(validator.validate(trigger: .timer, moduleList: []).isEmpty)
        }

        @Test func aTrampolineNewerThanTheSymbolsIsNamedAfterARefresh() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            // ftrace allocates a trampoline; only a fresh kallsyms read names it.
            kernel.moduleSymbolList += K.trampolineSymbols
            kernel.write(Encode.call(at: K.vfsRead, to: K.ftraceTrampoline), at: K.vfsRead)
            #expect(validator.validate(trigger: .hookChange, moduleList: nil).isEmpty)
            #expect(kernel.pauses == 1)
        }

        @Test func inlineHookOverAnFtraceSite() throws {
            let kernel = FakeKernel()
            kernel.addEvilModule()
            let validator = try Self.validator(kernel)
            kernel.write(Encode.jmp(at: K.vfsRead, to: K.evilHook) + [0x90, 0xCC], at: K.vfsRead)
            let findings = validator.validate(trigger: .timer, moduleList: [])
            #expect(findings.count == 1)
            #expect(findings.first?.symbol == "vfs_read+0x0")
            #expect(findings.first?.detail == "ftrace site: ftrace site holds neither its NOP nor a call")
        }

        @Test func int3AtARegisteredKprobeIsLegitimate() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            let probe = K.doSomething + 0x0C
            kernel.kprobeList = [KprobeRecord(address: probe, kind: .kprobe, symbol: "do_something", offset: 0x0C)]
            kernel.write([X86Instruction.int3], at: probe)
            let findings = validator.validate(trigger: .timer, moduleList: [])
            #expect(!findings.contains { $0.isAlert }, "the int3 is the kprobe's")
            #expect(validator.validate(trigger: .timer, moduleList: []).isEmpty)
        }

        /// Bug: validate() refreshes `kprobeAddresses` before validateHooks diffs against it, so a new kprobe is never reported.
        @Test func aNewKprobeIsReportedAsAHook() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            let probe = K.doSomething + 0x0C
            kernel.kprobeList = [KprobeRecord(address: probe, kind: .kprobe, symbol: "do_something", offset: 0x0C)]
            let findings = validator.validate(trigger: .hookChange, moduleList: nil)
            do {
                #expect(findings == [KernelIntegrityFinding(kind: .hookAdded, check: .kprobe, trigger: .hookChange, region: "kprobes",
                                                            symbol: "do_something+0xc", address: probe)])
            }
        }

        /// Bug (evidence only): with debugfs mounted and no kprobe registered, the hint says kprobes "could not be listed".
        @Test func int3WithAnEmptyKprobeList() throws {
            let kernel = FakeKernel()
            kernel.kprobeList = []
            let validator = try Self.validator(kernel)
            kernel.write([X86Instruction.int3], at: K.doSomething + 0x0C)
            let findings = validator.validate(trigger: .timer, moduleList: [])
            #expect(findings.map(\.kind) == [.tampered])
            do {
                #expect(findings.first?.detail == "outside any patch site")
            }
        }

        @Test func int3WithoutDebugfs() throws {
            let kernel = FakeKernel()
            kernel.kprobeList = nil
            let validator = try Self.validator(kernel)
            kernel.write([X86Instruction.int3], at: K.doSomething + 0x0C)
            let findings = validator.validate(trigger: .timer, moduleList: [])
            #expect(findings.map(\.detail) == ["int3 outside any patch site (a kprobe, if registered, could not be listed)"])
        }

        // MARK: Read-only data

        @Test func systemCallHijackedIntoAModule() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            // The rootkit loads after the baseline: its symbols come from a refresh.
            kernel.addEvilModule()
            kernel.write(Encode.le64(K.evilRead), at: K.sysCallTable)
            let findings = validator.validate(trigger: .timer, moduleList: nil)
            #expect(findings == [KernelIntegrityFinding(
                kind: .tampered, check: .syscallTable, trigger: .timer, region: "sys_call_table", symbol: "sys_call_table[0]",
                module: "evil", address: K.sysCallTable, expected: "__x64_sys_read", actual: "evil_read+0x0 [evil]",
                detail: "entry 0 should be __x64_sys_read"
            )], "one finding: the rodata comparison leaves the table to the system call check")
            #expect(validator.validate(trigger: .timer, moduleList: nil).isEmpty)
        }

        @Test func systemCallSwappedForAnotherCoreFunction() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.write(Encode.le64(K.doSomething), at: K.sysCallTable + 16)
            let findings = validator.validate(trigger: .timer, moduleList: nil)
            #expect(findings.map(\.symbol) == ["sys_call_table[2]"])
            #expect(findings.first?.expected == "sys_ni_syscall")
            #expect(findings.first?.actual == "do_something+0x0")
            #expect(findings.first?.module == nil)
        }

        @Test func otherRodataChangesAreReportedByPart() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.write([0xFF], at: K.afterSysCallTable + 0x20)
            kernel.write([0xFF], at: K.jumpTable + 8)
            let findings = validator.validate(trigger: .timer, moduleList: nil)
            #expect(findings.map(\.region) == ["rodata", "ro-after-init (jump table)"])
            #expect(findings.map(\.check) == [.rodata, .rodata])
            #expect(findings.first?.symbol == "vdso_image_64+0x20")
        }

        /// Bug: rodata bytes right after sys_call_table are skipped when their difference merges with a table entry's.
        @Test func rodataNextToTheSystemCallTable() throws {
            let kernel = FakeKernel()
            kernel.addEvilModule()
            let validator = try Self.validator(kernel)
            kernel.write(Encode.le64(K.evilRead), at: K.sysCallTable + 16)
            // 8 bytes after the table's last changed byte: ByteDifference joins both into one range starting in the table.
            kernel.write([0xFF], at: K.afterSysCallTable + 4)
            let findings = validator.validate(trigger: .timer, moduleList: nil)
            #expect(findings.contains { $0.check == .syscallTable && $0.symbol == "sys_call_table[2]" })
            do {
                #expect(findings.contains { $0.check == .rodata })
            }
        }

        @Test func systemCallTableHijackedBeforeTheBaseline() throws {
            let kernel = FakeKernel()
            kernel.addEvilModule()
            kernel.write(Encode.le64(K.evilRead), at: K.sysCallTable)
            kernel.write(Encode.le64(K.doSomething), at: K.sysCallTable + 8)
            let validator = try Self.validator(kernel)
            let findings = validator.startFindings()
            #expect(findings.map(\.symbol) == ["sys_call_table[0]", "sys_call_table[1]"])
            #expect(findings.map(\.detail) == ["entry 0 leads outside core text", "entry 1 is do_something, not a system call"])
            #expect(findings.first?.module == "evil")
            #expect(validator.validate(trigger: .start, moduleList: nil).isEmpty, "reported once")
        }

        /// An entry that is no function start at baseline (shellcode, a gadget) is an entry, reported.
        @Test func systemCallTableHijackedToNoSymbolBeforeTheBaseline() throws {
            let kernel = FakeKernel()
            // Shellcode in memory kallsyms does not name (or a gadget inside a function).
            kernel.write(Encode.le64(K.doSomething + 3), at: K.sysCallTable + 8)
            let validator = try Self.validator(kernel)
            let findings = validator.startFindings()
            do {
                #expect(validator.coverage.systemCalls == 3)
                #expect(findings.contains { $0.check == .syscallTable && $0.symbol == "sys_call_table[1]" })
            }
            // Later changes to the entries after it are reported with their names.
            kernel.write(Encode.le64(K.doSomething), at: K.sysCallTable + 16)
            let later = validator.validate(trigger: .timer, moduleList: nil)
            #expect(later.map(\.region) == ["sys_call_table"])
            #expect(later.first?.symbol == "sys_call_table[2]")
        }

        // MARK: IDT

        @Test func idtGateChanged() throws {
            let kernel = FakeKernel()
            kernel.addEvilModule()
            let validator = try Self.validator(kernel)
            let pageFaultGate = K.idt + UInt64(K.pageFaultVector * InterruptDescriptorTable.gateSize)
            kernel.write(FakeKernel.gate(K.doSomething), at: pageFaultGate)
            var findings = validator.validate(trigger: .timer, moduleList: nil)
            #expect(findings == [KernelIntegrityFinding(
                kind: .tampered, check: .idt, trigger: .timer, region: "IDT", symbol: "vector 14", module: nil, address: pageFaultGate,
                expected: "asm_exc_page_fault+0x0", actual: "do_something+0x0", detail: "gate changed"
            )])
            let timerGate = K.idt + UInt64(K.timerVector * InterruptDescriptorTable.gateSize)
            kernel.write(FakeKernel.gate(K.evilHook), at: timerGate)
            findings = validator.validate(trigger: .timer, moduleList: nil)
            #expect(findings.map(\.symbol) == ["vector 236"])
            #expect(findings.first?.detail == "gate leads outside core text")
            #expect(findings.first?.module == "evil")
            #expect(findings.first?.actual == "hook_fn+0x0 [evil]")
        }

        @Test func idtGatesDecode() throws {
            let gates = try InterruptDescriptorTable.gates(FakeKernel().read(K.idt, count: InterruptDescriptorTable.byteCount))
            #expect(gates.count == 256)
            #expect(gates[K.pageFaultVector] == InterruptDescriptorTable.Gate(vector: 14, handler: K.pageFault, present: true))
            #expect(gates.filter(\.present).map(\.vector) == [14, 236])
            #expect(throws: ParseError.self) { _ = try InterruptDescriptorTable.gates([0, 1, 2]) }
        }

        // MARK: Variables

        @Test func modprobePathOverwrittenInMemory() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.write(Array("/tmp/x\0".utf8), at: K.modprobePath)
            let findings = validator.validate(trigger: .timer, moduleList: nil)
            #expect(findings == [KernelIntegrityFinding(
                kind: .tampered, check: .variable, trigger: .timer, region: "kernel variable", symbol: "modprobe_path",
                address: K.modprobePath, expected: "/sbin/modprobe", actual: "/tmp/x",
                detail: "changed in memory, not through /proc/sys/kernel/modprobe"
            )])
            #expect(kernel.pauses == 1, "waited for a legitimate write's event")
            #expect(validator.validate(trigger: .timer, moduleList: nil).isEmpty)
        }

        @Test func modprobePathChangedThroughSysctl() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            #expect(validator.watches(K.modprobePath))
            #expect(!validator.watches(K.modprobePath + 1))
            kernel.write(Array("/usr/local/sbin/modprobe\0".utf8), at: K.modprobePath)
            // proc_sys_write reports table->maxlen (256) bytes from the sysctl's data.
            let value = kernel.read(K.modprobePath, count: 256)
            let finding = validator.legitimateWrite(address: K.modprobePath, value: value, interface: "/proc/sys (modprobe)", writer: "sh[42] uid 0")
            #expect(finding == KernelIntegrityFinding(
                kind: .legitimateChange, check: .variable, trigger: .variableWrite, region: "kernel variable", symbol: "modprobe_path",
                address: K.modprobePath, expected: "/sbin/modprobe", actual: "/usr/local/sbin/modprobe",
                detail: "written through /proc/sys (modprobe) by sh[42] uid 0"
            ))
            #expect(validator.validate(trigger: .timer, moduleList: nil).isEmpty)
            // The same value again changes nothing.
            #expect(validator.legitimateWrite(address: K.modprobePath, value: value, interface: "/proc/sys (modprobe)", writer: "sh[43] uid 0") == nil)
        }

        @Test func aWriteThatDoesNotCoverTheVariableIsNotAccepted() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.write(Array("|/tmp/x\0".utf8), at: K.corePattern)
            #expect(validator.legitimateWrite(address: K.corePattern, value: Array(kernel.read(K.corePattern, count: 16)),
                                              interface: "/proc/sys (core_pattern)", writer: "sh[1] uid 0") == nil)
            #expect(validator.legitimateWrite(address: 0xffff_ffff_8500_0000, value: [1, 2, 3, 4], interface: "/proc/sys", writer: "sh") == nil)
            // Not accepted, so still tampering.
            #expect(validator.validate(trigger: .timer, moduleList: nil).map(\.symbol) == ["core_pattern"])
            // A write reporting from before the variable, covering it, is accepted.
            let wide = kernel.read(K.corePattern - 0x10, count: 0x90)
            #expect(validator.legitimateWrite(address: K.corePattern - 0x10, value: wide, interface: "/proc/sys", writer: "sh")?.actual == "|/tmp/x")
        }

        @Test func renderingOfVariables() {
            let string = WatchedVariable(symbol: "x", size: 8, format: .string, interface: "")
            #expect(string.render(Array("abc\0def".utf8)) == "abc")
            #expect(string.render([]) == "")
            let integer = WatchedVariable(symbol: "y", size: 4, format: .integer, interface: "")
            #expect(integer.render([0x02, 0x01, 0x00, 0x00]) == "258")
            #expect(WatchedVariable.selinuxEnforcing(hasDisableFlag: true).offset == 1)
            #expect(WatchedVariable.selinuxEnforcing(hasDisableFlag: false).offset == 0)
        }

        // MARK: Modules

        @Test func moduleTextBaselinedOnceLive() throws {
            let kernel = FakeKernel()
            kernel.addBenignModule()
            let validator = try Self.validator(kernel)
            #expect(validator.validate(trigger: .moduleLoad, moduleList: [K.benignRecord]).isEmpty)
            #expect(validator.coverage.modules == 1)
            kernel.write([0xC3], at: K.benignHelper + 5)
            let findings = validator.validate(trigger: .timer, moduleList: [K.benignRecord])
            #expect(findings == [KernelIntegrityFinding(
                kind: .tampered, check: .moduleText, trigger: .timer, region: "module vigil_benign text",
                symbol: "benign_helper+0x5 [vigil_benign]", module: "vigil_benign", address: K.benignHelper + 5,
                expected: "90", actual: "c3", detail: "outside any patch site"
            )])
            #expect(findings.first?.check.dependsOnModules == true)
            // Its ftrace site may be traced.
            kernel.write(Encode.call(at: K.benignText, to: K.ftraceCaller), at: K.benignText)
            #expect(validator.validate(trigger: .timer, moduleList: [K.benignRecord]).isEmpty)
            // Its read-only data too.
            kernel.write([0x00], at: K.benignRodata + 3)
            #expect(validator.validate(trigger: .timer, moduleList: [K.benignRecord]).map(\.region) == ["module vigil_benign rodata"])
        }

        @Test func modulePatchSiteTablesAreRead() throws {
            let kernel = FakeKernel()
            kernel.addBenignModule()
            // A jump label at benign_helper+0x10 (target +0x30) and a static call at +0x20, with their tables in the module's rodata.
            let label = K.benignHelper + 0x10
            let staticCall = K.benignHelper + 0x20
            kernel.write(X86Instruction.nop5, at: label)
            kernel.write(Encode.call(at: staticCall, to: K.doSomething), at: staticCall)
            let jumpEntries = K.benignRodata + 0x10
            kernel.write(Encode.le32(Encode.displacement(from: jumpEntries, to: label))
                + Encode.le32(Encode.displacement(from: jumpEntries + 4, to: K.benignHelper + 0x30)) + Encode.le64(0), at: jumpEntries)
            let callSites = K.benignRodata + 0x30
            kernel.write(Encode.le32(Encode.displacement(from: callSites, to: staticCall)) + Encode.le32(0), at: callSites)
            var record = K.benignRecord
            record.jumpEntries = jumpEntries
            record.jumpEntryCount = 1
            record.staticCallSites = callSites
            record.staticCallSiteCount = 1
            let validator = try Self.validator(kernel)
            #expect(validator.validate(trigger: .moduleLoad, moduleList: [record]).isEmpty)

            kernel.write(Encode.jmp(at: label, to: K.benignHelper + 0x30), at: label)
            kernel.write(Encode.call(at: staticCall, to: K.sysRead), at: staticCall)
            #expect(validator.validate(trigger: .timer, moduleList: [record]).isEmpty, "the module's own patching")

            kernel.write(Encode.call(at: staticCall, to: K.doSomething + 1), at: staticCall)
            let findings = validator.validate(trigger: .timer, moduleList: [record])
            #expect(findings.map(\.detail) == ["static call site: static call leads to code that is no function's start"])
            #expect(findings.first?.symbol == "benign_helper+0x21 [vigil_benign]", "named by its first changed byte (E8 is unchanged)")
        }

        @Test func aModuleAlreadyHookedWhenBaselined() throws {
            let kernel = FakeKernel()
            kernel.addBenignModule()
            kernel.addEvilModule()
            // benign_init's ftrace call already leads to a module function... which makes it no ftrace site at all;
            // a jump label jumping elsewhere is caught, though.
            let label = K.benignHelper + 0x10
            kernel.write(Encode.jmp(at: label, to: K.evilHook), at: label)
            let jumpEntries = K.benignRodata + 0x10
            kernel.write(Encode.le32(Encode.displacement(from: jumpEntries, to: label))
                + Encode.le32(Encode.displacement(from: jumpEntries + 4, to: K.benignHelper + 0x30)) + Encode.le64(0), at: jumpEntries)
            var record = K.benignRecord
            record.jumpEntries = jumpEntries
            record.jumpEntryCount = 1
            let validator = try Self.validator(kernel)
            let findings = validator.validate(trigger: .moduleLoad, moduleList: [record])
            #expect(findings.map(\.check) == [.moduleText])
            #expect(findings.first?.detail == "jump label: jump label holds neither its NOP nor a jump to its target (already when the baseline was taken)")
            #expect(findings.first?.module == "vigil_benign")
        }

        @Test func aModuleNotLiveIsNotBaselined() throws {
            let kernel = FakeKernel()
            kernel.addBenignModule()
            let validator = try Self.validator(kernel)
            var coming = K.benignRecord
            coming.state = KernelModuleRecord.State.coming.rawValue
            #expect(validator.validate(trigger: .moduleLoad, moduleList: [coming]).isEmpty)
            #expect(validator.coverage.modules == 0)
        }

        @Test func aModuleGoneFromTheListLosesItsBaseline() throws {
            let kernel = FakeKernel()
            kernel.addBenignModule()
            let validator = try Self.validator(kernel)
            _ = validator.validate(trigger: .moduleLoad, moduleList: [K.benignRecord])
            #expect(validator.coverage.modules == 1)
            kernel.procModuleNames = []
            kernel.sysfsModuleNames = []
            kernel.write([0xC3], at: K.benignHelper + 5)
            #expect(validator.validate(trigger: .moduleUnload, moduleList: []).isEmpty)
            #expect(validator.coverage.modules == 0)
        }

        @Test func moduleMissingFromTheList() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.procModuleNames = ["ghost"]
            kernel.sysfsModuleNames = ["ghost"]
            let findings = validator.validate(trigger: .timer, moduleList: [])
            #expect(findings == [KernelIntegrityFinding(
                kind: .tampered, check: .moduleList, trigger: .timer, region: "modules", symbol: "ghost", module: "ghost",
                expected: "listed in every view", actual: "missing from module list",
                detail: "hidden module: seen in /proc/modules, /sys/module"
            )])
            // No walk, no module views.
            validator.withdraw(findings)
            #expect(validator.validate(trigger: .timer, moduleList: nil).isEmpty)
        }

        @Test func rootkitHidingAfterItWentLive() throws {
            let kernel = FakeKernel()
            kernel.addEvilModule()
            let validator = try Self.validator(kernel)
            let live = K.evilRecord(state: .live)
            _ = validator.moduleLoaded(K.evilRecord(state: .coming))
            validator.moduleInitialised(address: K.evilStruct, result: 0)
            kernel.procModuleNames = ["evil"]
            kernel.sysfsModuleNames = ["evil"]
            #expect(validator.validate(trigger: .moduleLoad, moduleList: [live]).isEmpty)
            // list_del + kobject_del: only the load event and its mapped text remain.
            kernel.procModuleNames = []
            kernel.sysfsModuleNames = []
            let findings = validator.validate(trigger: .timer, moduleList: [])
            #expect(findings.map(\.check) == [.moduleList])
            #expect(findings.first?.symbol == "evil")
            #expect(findings.first?.actual == "missing from module list, /proc/modules, /sys/module")
            #expect(findings.first?.detail == "hidden module: seen in load events, its text still mapped (kcore)")
        }

        /// Bug: a module that unlinks itself during its init stays `settling` forever and is never reported.
        @Test func rootkitHidingDuringItsInit() throws {
            // Diamorphine and most LKM rootkits call list_del(&THIS_MODULE->list) from their init function,
            // so the module list walk never shows them live.
            let kernel = FakeKernel()
            kernel.addEvilModule()
            let validator = try Self.validator(kernel)
            _ = validator.moduleLoaded(K.evilRecord(state: .coming))
            validator.moduleInitialised(address: K.evilStruct, result: 0)
            kernel.sysfsModuleNames = ["evil"]
            var findings = validator.validate(trigger: .moduleLoad, moduleList: [])
            findings += validator.validate(trigger: .timer, moduleList: [])
            findings += validator.validate(trigger: .timer, moduleList: [])
            do {
                #expect(findings.contains { $0.check == .moduleList && $0.symbol == "evil" })
            }
        }

        @Test func aModuleWhoseInitFailedIsForgotten() throws {
            let kernel = FakeKernel()
            kernel.addEvilModule()
            let validator = try Self.validator(kernel)
            _ = validator.moduleLoaded(K.evilRecord(state: .coming))
            validator.moduleInitialised(address: K.evilStruct, result: -22)
            kernel.segments[K.evilText] = nil
            #expect(validator.validate(trigger: .moduleLoad, moduleList: []).isEmpty)
        }

        // MARK: Hooks

        static func hook(_ name: String, by handler: SymbolReference, flags: FtraceHookedFunction.Flags = []) -> FtraceHookedFunction {
            FtraceHookedFunction(name: name, referenceCount: 1, flags: flags,
                                 trampolines: [.init(location: .unresolved(FakeKernel.ftraceTrampoline), handler: .symbol(handler))])
        }

        @Test func ftraceHookByAModuleLoadedAfterTheBaseline() throws {
            let kernel = FakeKernel()
            kernel.procModuleNames = ["vigil_benign"]
            let validator = try Self.validator(kernel)
            kernel.hooks = [Self.hook("vfs_read", by: SymbolReference(name: "hook_fn", size: 0x40, module: "evil"), flags: [.savesRegisters, .modifiesIP])]
            let findings = validator.validate(trigger: .hookChange, moduleList: nil)
            #expect(findings == [KernelIntegrityFinding(
                kind: .tampered, check: .ftraceHook, trigger: .hookChange, region: "ftrace", symbol: "vfs_read", module: "evil",
                expected: "not hooked", actual: "hooked by hook_fn+0x0/0x40 [evil] (modifies the instruction pointer)",
                detail: "hooked by module evil, loaded after the baseline"
            )])
            #expect(validator.validate(trigger: .timer, moduleList: nil).isEmpty, "reported once")
            // The hook goes: noticed, and a new one would be reported again.
            kernel.hooks = []
            #expect(validator.validate(trigger: .hookChange, moduleList: nil).map(\.kind) == [.hookRemoved])
            kernel.hooks = [Self.hook("vfs_read", by: SymbolReference(name: "hook_fn", size: 0x40, module: "evil"), flags: [.savesRegisters, .modifiesIP])]
            #expect(validator.validate(trigger: .hookChange, moduleList: nil).map(\.kind) == [.tampered])
        }

        @Test func ftraceHookOwnedByCoreOrATrustedModule() throws {
            let kernel = FakeKernel()
            kernel.procModuleNames = ["vigil_benign"]
            let validator = try Self.validator(kernel)
            kernel.hooks = [
                Self.hook("__x64_sys_read", by: SymbolReference(name: "kprobe_ftrace_handler", size: 0x1b0)),
                Self.hook("vfs_read", by: SymbolReference(name: "benign_callback", module: "vigil_benign")),
            ]
            let findings = validator.validate(trigger: .hookChange, moduleList: nil)
            #expect(findings == [
                KernelIntegrityFinding(kind: .hookAdded, check: .ftraceHook, trigger: .hookChange, region: "ftrace", symbol: "__x64_sys_read",
                                       module: nil, actual: "hooked by kprobe_ftrace_handler+0x0/0x1b0"),
                KernelIntegrityFinding(kind: .hookAdded, check: .ftraceHook, trigger: .hookChange, region: "ftrace", symbol: "vfs_read",
                                       module: "vigil_benign", actual: "hooked by benign_callback+0x0 [vigil_benign]"),
            ])
        }

        @Test func ftraceHookWhoseOwnerCannotBeFound() throws {
            let kernel = FakeKernel()
            let validator = try Self.validator(kernel)
            kernel.hooks = [FtraceHookedFunction(name: "vfs_read", referenceCount: 1, trampolineLookupFailed: true)]
            let findings = validator.validate(trigger: .hookChange, moduleList: nil)
            #expect(findings.map(\.kind) == [.tampered])
            #expect(findings.first?.detail == "the hook's code belongs to no known symbol")
            #expect(findings.first?.actual == "hooked by unknown code")
        }
    }
}
