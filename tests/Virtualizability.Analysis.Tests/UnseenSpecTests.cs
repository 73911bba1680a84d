using Virtualizability.Isa;
using Virtualizability.Isa.Ir;
using Virtualizability.Skeletons;
using Virtualizability.Skeletons.Policies;

namespace Virtualizability.Analysis.Tests;

/// <summary>
/// Specs written outside the corpus to try the whole toolkit on architectures it was not built around
/// (tests/unseen-specs: the MC68000 and MC68010, with variable-length 16-bit opcode words, no MMU and so no vmmap, a
/// 32-bit PowerPC, AArch64 with EL0/EL1, a byte-encoded VAX with base/length relocation, and a PDP-11/45-style machine
/// with per-mode stack pointers and a two-map paged MMU), and regression tests for what they found.
/// </summary>
public class UnseenSpecTests
{
    private static string PathOf(string name) => Path.Combine(Specs.Root, "tests", "unseen-specs", name);

    private static IsaModel Load(string name)
    {
        var result = IsaFrontEnd.LoadFile(PathOf(name));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static SpecReport CheckAll(string name) =>
        SpecAnalyzer.Check(Load(name), new AnalysisOptions { Definitions = Definitions.All });

    private static string[] Names(IEnumerable<InstructionResult> rows) => [.. rows.Select(r => r.Name).Order()];

    // Every violation is a decided "yes" whose witness was replayed on the executable model before it was reported.
    private static void AssertReplayedWitnesses(DefinitionReport report)
    {
        foreach (var row in report.Violations) Assert.NotNull(row.Violation.Witness);
        foreach (var row in report.HybridViolations) Assert.NotNull(row.HybridViolation.Witness);
    }

    // Theorems 1 and 3 hold under every definition, and Theorem 2 fails only because `timeReader` reveals time; the
    // classic report, for the instruction-level assertions.
    private static DefinitionReport VirtualizableExceptForTime(string spec, string timeReader)
    {
        var report = CheckAll(spec);
        Assert.Empty(report.InternalErrors);
        foreach (var d in report.Definitions)
        {
            Assert.True(d.Virtualizable.IsYes, $"{d.Definition}: Theorem 1 {d.Virtualizable}");
            Assert.True(d.HybridVirtualizable.IsYes);
            Assert.True(d.RecursivelyVirtualizable.IsNo);
            Assert.Equal([timeReader], Names(d.Instructions.Where(r => r.RevealsTime.IsYes)));
        }
        return report.Under(Definition.Classic);
    }

    [Fact]
    public void M68000_fails_theorem_1_under_every_definition_only_because_MOVE_from_SR_is_unprivileged()
    {
        var report = CheckAll("m68000.isa");
        Assert.Empty(report.InternalErrors);   // no vmmap used to make every location question an internal error
        foreach (var d in report.Definitions)
        {
            Assert.True(d.Virtualizable.IsNo, $"{d.Definition}: Theorem 1 {d.Virtualizable}");
            Assert.Equal(["MOVE_FROM_SR"], Names(d.Violations));
            // In user state it reads S = 0, as it would in a virtual user state: not user-sensitive, so a hybrid VMM works.
            Assert.True(d.HybridVirtualizable.IsYes, $"{d.Definition}: Theorem 3 {d.HybridVirtualizable}");
            Assert.True(d.Row("MOVE_FROM_SR").Privileged.IsNo);
            // Without a vmmap the VM map is the identity: nothing is location-sensitive.
            Assert.All(d.Instructions, r => Assert.True(r.LocationSensitive.IsNo, $"{r.Name}: {r.LocationSensitive}"));
            AssertReplayedWitnesses(d);
        }
        var classic = report.Under(Definition.Classic);
        Assert.True(classic.Row("MOVE_FROM_SR").ModeSensitive.IsYes);
        foreach (var name in new[] { "MOVE_TO_SR", "ANDI_SR", "ORI_SR", "EORI_SR", "MOVE_USP", "RTE", "STOP", "RESET" })
            Assert.True(classic.Row(name).Privileged.IsYes, name);
    }

    [Fact]
    public void M68010_with_MOVE_from_SR_privileged_satisfies_theorem_1()
    {
        var report = CheckAll("m68010.isa");
        Assert.Empty(report.InternalErrors);
        foreach (var d in report.Definitions)
        {
            Assert.True(d.Virtualizable.IsYes, $"{d.Definition}: Theorem 1 {d.Virtualizable}");
            Assert.Empty(d.Violations);
            Assert.True(d.Row("MOVE_FROM_SR").Privileged.IsYes);
            Assert.True(d.Row("MOVE_FROM_CCR").Violation.IsNo);
        }
    }

    [Fact]
    public void Ppc32_satisfies_theorem_1_and_fails_theorem_2_only_through_mftb()
    {
        var classic = VirtualizableExceptForTime("ppc32.isa", "MFTB");
        // mfspr/mtspr are privileged only for SPR numbers with 0x10 set; the sensitive words (SDR1, the BATs) are among them.
        Assert.True(classic.Row("MFSPR").Privileged.IsNo);
        Assert.True(classic.Row("MFSPR").LocationSensitive.IsYes);
        Assert.True(classic.Row("MFSPR").Violation.IsNo);
        foreach (var name in new[] { "MFMSR", "MTMSR", "RFI", "MFSR", "MTSR", "MFSRIN", "MTSRIN", "TLBIE", "SC" })
            Assert.True(classic.Row(name).Privileged.IsYes, name);
    }

    [Fact]
    public void Vmm_generate_refuses_the_68000_gives_it_a_hybrid_vmm_and_accepts_the_68010()
    {
        var m68000 = SpecAnalyzer.Check(Load("m68000.isa"), new AnalysisOptions()).Definitions[0];
        var refused = Assert.Throws<SkeletonRefusedException>(() => SkeletonGenerator.CheckVirtualizable(m68000, hybrid: false));
        Assert.Contains(refused.Violations, v => v.StartsWith("MOVE_FROM_SR: mode-sensitive, not privileged; witness: word 0x", StringComparison.Ordinal));
        SkeletonGenerator.CheckVirtualizable(m68000, hybrid: true);

        var model = Load("m68010.isa");
        var m68010 = SpecAnalyzer.Check(model, new AnalysisOptions()).Definitions[0];
        var files = SkeletonGenerator.Generate(new SkeletonRequest(model, m68010, "out", "M68010.Vmm", false, Specs.Root));
        Assert.Contains(files, f => f.Path.EndsWith("MOVE_FROM_SR.cs", StringComparison.Ordinal));
        Assert.Equal(AllocatorKind.Identity, SkeletonGenerator.PolicyFor(model));
    }

    [Fact]
    public void Run_vmm_refuses_a_spec_that_fails_theorem_1_instead_of_running_a_guest_that_diverges()
    {
        const string guest = "tests/guests/m68k/sample.hex";
        var bare = CliTests.Pgcheck("run", guest, "--isa", "tests/unseen-specs/m68000.isa");
        Assert.Equal(0, bare.Code);
        Assert.StartsWith("hut\nhalted: D[0]=0xa D[1]=0x2700 D[2]=0x0 ", bare.Out, StringComparison.Ordinal);

        // Under trap-and-emulate the guest's supervisor code runs in real user mode, and MOVE from SR would read 0x0700.
        var vmm = CliTests.Pgcheck("run", guest, "--isa", "tests/unseen-specs/m68000.isa", "--vmm");
        Assert.Equal(2, vmm.Code);
        Assert.Equal("", vmm.Out);
        Assert.Contains("MOVE_FROM_SR: mode-sensitive, not privileged", vmm.Err);

        var bare10 = CliTests.Pgcheck("run", guest, "--isa", "tests/unseen-specs/m68010.isa");
        var vmm10 = CliTests.Pgcheck("run", guest, "--isa", "tests/unseen-specs/m68010.isa", "--vmm");
        Assert.Equal((0, 0), (bare10.Code, vmm10.Code));
        Assert.StartsWith("hup\n", bare10.Out, StringComparison.Ordinal);
        Assert.Equal(bare10.Out, vmm10.Out);
    }

    [Fact]
    public void Prove_without_an_allocator_model_is_a_clear_message_and_the_identity_model_takes_a_spec_without_a_vmmap()
    {
        // The 68010 has no vmmap: the identity allocator's proof model applies (before, prove refused it).
        var proved = CliTests.Pgcheck("prove", "tests/unseen-specs/m68010.isa", "--instruction", "MOVE_USP");
        Assert.Equal(0, proved.Code);
        Assert.Contains("allocator: identity: one VM owns machine memory; no vmmap", proved.Out);
        Assert.Contains("MOVE_USP", proved.Out);
    }

    [Fact]
    public void Aarch64_satisfies_theorem_1_and_fails_theorem_2_only_through_the_counter_read()
    {
        var classic = VirtualizableExceptForTime("aarch64.isa", "MRS");
        // MRS/MSR reach NZCV and TPIDR_EL0 from EL0: not privileged, but every sensitive word of theirs traps at EL0.
        Assert.True(classic.Row("MSR_REG").Privileged.IsNo);
        Assert.True(classic.Row("MSR_REG").ControlSensitive.IsYes);
        Assert.True(classic.Row("MSR_REG").Violation.IsNo);
        foreach (var name in new[] { "MSR_IMM", "ERET", "SVC", "WFI" })
            Assert.True(classic.Row(name).Privileged.IsYes, name);
        // The banked stack pointer: SP is the one in use in either mode, so SP-relative instructions are innocuous.
        foreach (var name in new[] { "ADD_IMM", "LDR", "STR" })
            Assert.True(classic.Row(name).Innocuous.IsYes, name);
    }

    /// <summary>
    /// PSTATE holds the mode (EL, SPSel, DAIF) beside NZCV, which the guest's directly executed CMP writes. The VMM used
    /// to keep all of PSTATE virtual, so the SVC's SPSR_EL1 (built from the virtual PSTATE) lost the flags: the run
    /// under the VMM ended with SPSR_EL1 = 0 where the bare machine has 0x60000000.
    /// </summary>
    [Fact]
    public void Aarch64_guest_runs_the_same_under_the_vmm_with_its_condition_codes_in_the_saved_pstate()
    {
        const string guest = "tests/guests/aarch64/sample.hex";
        var bare = CliTests.Pgcheck("run", guest, "--isa", "tests/unseen-specs/aarch64.isa");
        var vmm = CliTests.Pgcheck("run", guest, "--isa", "tests/unseen-specs/aarch64.isa", "--vmm");
        Assert.Equal((0, 0), (bare.Code, vmm.Code));
        Assert.StartsWith("hups\n", bare.Out, StringComparison.Ordinal);
        Assert.Contains(" SPSR_EL1=0x60000000 ", bare.Out);
        Assert.Equal(bare.Out, vmm.Out);
    }

    /// <summary>
    /// The VAX (byte-encoded, operand specifiers decoded in the bodies, base/length relocation): MOVPSL and REI are
    /// Theorem 1 violations in user mode's terms already (per-state, the definition `run --vmm` uses), as Hall and
    /// Robinson (ISCA 1991) describe; the change-mode instructions always trap. Bounded to these instructions: the
    /// whole spec under every definition takes about 25 minutes on a loaded 2-core machine (docs/vmm-proofs.md).
    /// </summary>
    [Fact]
    public void Vax_movpsl_and_rei_are_sensitive_and_unprivileged_and_chmk_traps()
    {
        var report = SpecAnalyzer.Check(Load("vax.isa"), new AnalysisOptions
        {
            Definitions = [Definition.PerState],
            Instructions = ["MOVPSL", "REI", "CHMK", "HALT"],
        });
        Assert.Empty(report.InternalErrors);
        var d = report.Definitions[0];
        Assert.Equal(["MOVPSL", "REI"], Names(d.Violations));
        AssertReplayedWitnesses(d);
        Assert.True(d.Row("CHMK").Privileged.IsYes);
        Assert.True(d.Row("HALT").Privileged.IsYes);
    }

    [Fact]
    public void Vax_guest_runs_on_the_bare_model()
    {
        var bare = CliTests.Pgcheck("run", "tests/guests/vax/sample.hex", "--isa", "tests/unseen-specs/vax.isa", "--console", "0x3ffffff0");
        Assert.Equal(0, bare.Code);
        // Kernel MOVPSL reads 0x001f0000, user MOVPSL 0x03c00000; R6 is the CHMK code the handler popped.
        Assert.StartsWith("hups\n", bare.Out, StringComparison.Ordinal);
        foreach (var part in new[] { " R[2]=0x1f0000 ", " R[3]=0x3c00000 ", " R[6]=0x7 " }) Assert.Contains(part, bare.Out);
    }

    /// <summary>
    /// SPARC V8 (register windows against WIM, PSR/WIM/TBR privileged, RETT, delayed branches): virtualizable by
    /// trap-and-emulate (per-state, user), and no under classic only through the strict 1974 privilege: RETT (ET = 1,
    /// an invalid window) and WRPSR (a CWP of NWINDOWS or more) trap in supervisor mode, and both change M or R. SAVE and
    /// RESTORE read WIM only to decide their traps: innocuous. RDPSR reads S but traps in the user twin: innocuous.
    /// </summary>
    [Fact]
    public void Sparc_is_virtualizable_per_state_and_fails_classic_only_through_RETT_and_WRPSR_trapping_in_supervisor_mode()
    {
        var report = CheckAll("sparc.isa");
        Assert.Empty(report.InternalErrors);
        foreach (var d in report.Definitions)
        {
            Assert.True(d.HybridVirtualizable.IsYes, $"{d.Definition}: Theorem 3 {d.HybridVirtualizable}");
            Assert.DoesNotContain(d.Instructions, r => r.RevealsTime.IsYes);   // no time state: Theorem 2 follows Theorem 1
            Assert.Equal(d.Virtualizable.IsYes, d.RecursivelyVirtualizable.IsYes);
            // Outside classic, what traps in user mode (RETT, WRPSR) is judged by the trap: innocuous.
            string[] innocuous = d.Definition == Definition.Classic ? ["SAVE", "RESTORE", "TICC", "BICC", "JMPL", "RDY", "WRY"]
                : ["SAVE", "RESTORE", "TICC", "BICC", "JMPL", "RDY", "WRY", "RETT", "WRPSR"];
            foreach (var name in innocuous) Assert.True(d.Row(name).Innocuous.IsYes, $"{d.Definition} {name}");
            foreach (var name in new[] { "RDPSR", "RDWIM", "RDTBR", "WRWIM", "WRTBR", "LDA", "STA" })
                Assert.True(d.Row(name).Privileged.IsYes, $"{d.Definition} {name}");
            AssertReplayedWitnesses(d);
        }
        foreach (var definition in new[] { Definition.User, Definition.PerState })
        {
            var d = report.Under(definition);
            Assert.True(d.Virtualizable.IsYes, $"{definition}: Theorem 1 {d.Virtualizable}");
            Assert.Empty(d.Violations);
        }
        var classic = report.Under(Definition.Classic);
        Assert.True(classic.Virtualizable.IsNo);
        Assert.Equal(["RETT", "WRPSR"], Names(classic.Violations));
        foreach (var name in new[] { "RETT", "WRPSR" })
        {
            Assert.True(classic.Row(name).ControlSensitive.IsYes, name);
            Assert.True(classic.Row(name).Privileged.IsNo, name);
        }
        Assert.True(classic.Row("RDPSR").Innocuous.IsYes);
        Assert.True(classic.Row("WRWIM").ControlSensitive.IsYes);
    }

    [Fact]
    public void Sparc_guest_runs_the_same_under_the_vmm_with_its_window_overflow_reflected()
    {
        const string guest = "tests/guests/sparc/sample.hex";
        var bare = CliTests.Pgcheck("run", guest, "--isa", "tests/unseen-specs/sparc.isa");
        var vmm = CliTests.Pgcheck("run", guest, "--isa", "tests/unseen-specs/sparc.isa", "--vmm", "--stats");
        Assert.Equal((0, 0), (bare.Code, vmm.Code));
        // The error-mode halt records tt = 0x80; the user task ended in window 1 with o1 = 52 (W[17]).
        Assert.StartsWith("huozz4Hps\nhalted: PC=0x1214 ", bare.Out, StringComparison.Ordinal);
        foreach (var part in new[] { " W[17]=0x34 ", " PSR=0x400080 ", " WIM=0x80 ", " TBR=0x1800 " }) Assert.Contains(part, bare.Out);
        Assert.Equal(bare.Out, vmm.Out);
        Assert.Contains("reflected WindowOverflow: 1", vmm.Err);
        Assert.Contains("emulated RETT: 3", vmm.Err);
    }

    /// <summary>
    /// SPARC has no vmmap, so prove takes the identity allocator's model. ADD's whole equivalence (every route of the VMM's
    /// step in one query, over 128 windowed registers indexed by CWP) is not decided in a short limit; the report says how
    /// to ask it route by route, and that proves it.
    /// </summary>
    [Fact]
    public void Sparc_prove_states_the_obligations_and_the_outcome_split_proves_what_the_whole_leaves_unknown()
    {
        var whole = CliTests.Pgcheck("prove", "tests/unseen-specs/sparc.isa", "--instruction", "ADD", "--timeout-ms", "2000");
        Assert.Equal(3, whole.Code);
        Assert.Contains("allocator: identity: one VM owns machine memory; no vmmap", whole.Out);
        Assert.Contains("ADD equivalence: unknown", whole.Out);
        Assert.Contains("`--split outcome` asks one route of the VMM's step at a time", whole.Out);

        var split = CliTests.Pgcheck("prove", "tests/unseen-specs/sparc.isa", "--instruction", "ADD", "--split", "outcome");
        Assert.Equal(0, split.Code);
        Assert.Contains("3 proved", split.Out);
    }

    /// <summary>
    /// The PDP-11 (tests/unseen-specs/pdp11.isa): RTI/RTT (the PSW's protected bits kept in user mode), SPL, RESET and
    /// WAIT (no-ops outside kernel mode) and MFPI/MTPI (the previous mode's SP and map) are sensitive and never trap in
    /// user mode; none is user-sensitive, so a hybrid VMM works. Bounded to these and a few others (the whole spec under
    /// every definition takes about a minute of CPU; its header has the figures).
    /// </summary>
    [Fact]
    public void Pdp11_rti_spl_reset_wait_and_the_previous_mode_moves_are_sensitive_and_unprivileged()
    {
        var report = SpecAnalyzer.Check(Load("pdp11.isa"), new AnalysisOptions
        {
            Definitions = Definitions.All,
            Instructions = ["RTI", "RTT", "SPL", "RESET", "WAIT", "MFPI", "MTPI", "HALT", "TRAP", "MOV"],
        });
        Assert.Empty(report.InternalErrors);
        foreach (var d in report.Definitions)
        {
            Assert.True(d.Virtualizable.IsNo, $"{d.Definition}: Theorem 1 {d.Virtualizable}");
            Assert.True(d.HybridVirtualizable.IsYes, $"{d.Definition}: Theorem 3 {d.HybridVirtualizable}");
            AssertReplayedWitnesses(d);
            Assert.True(d.Row("HALT").Privileged.IsYes);
            Assert.True(d.Row("TRAP").Privileged.IsYes);
            Assert.True(d.Row("MOV").Violation.IsNo);
        }
        Assert.Equal(["MFPI", "MTPI", "RESET", "RTI", "RTT", "SPL", "WAIT"], Names(report.Under(Definition.Classic).Violations));
        Assert.Equal(["MFPI", "MTPI", "RESET", "RTI", "RTT", "SPL", "WAIT"], Names(report.Under(Definition.PerState).Violations));
        // The `user` definition's mode-sensitivity compares X only: SPL in the supervisor twin changes nothing but the
        // priority (mode state), and in user mode it is a no-op, so it passes there; per-state compares the twin's mode too.
        Assert.Equal(["MFPI", "MTPI", "RESET", "RTI", "RTT", "WAIT"], Names(report.Under(Definition.User).Violations));

        var perState = report.Under(Definition.PerState);
        var refused = Assert.Throws<SkeletonRefusedException>(() => SkeletonGenerator.CheckVirtualizable(perState, hybrid: false));
        Assert.Contains("Theorem 3 holds, so --hybrid generates a hybrid VMM", refused.Message);
        Assert.Contains(refused.Violations, v => v.StartsWith("MFPI: mode-sensitive, not privileged; witness: word 0x", StringComparison.Ordinal));
        Assert.Contains(refused.Violations, v => v.StartsWith("RTI: mode-sensitive, not privileged; witness: word 0x0002", StringComparison.Ordinal));
        SkeletonGenerator.CheckVirtualizable(perState, hybrid: true);
    }

    [Fact]
    public void Pdp11_guest_runs_on_the_bare_model_and_the_vmm_and_prove_refuse_clearly()
    {
        const string guest = "tests/guests/pdp11/sample.hex";
        var bare = CliTests.Pgcheck("run", guest, "--isa", "tests/unseen-specs/pdp11.isa");
        Assert.Equal(0, bare.Code);
        // User mode's SPL 7 and RESET do not trap; its HALT does ('p'); TRAP 7 ('t'), whose handler reads the user SP with MFPI.
        Assert.StartsWith("hpt\nhalted: R[0]=0x1345 ", bare.Out, StringComparison.Ordinal);
        Assert.Contains(" R[3]=0x1fe ", bare.Out);

        var vmm = CliTests.Pgcheck("run", guest, "--isa", "tests/unseen-specs/pdp11.isa", "--vmm");
        Assert.Equal(2, vmm.Code);
        Assert.Equal("", vmm.Out);
        Assert.Contains("  SPL: mode-sensitive, not privileged", vmm.Err);

        // Its vmmap relocates storage: no allocator proof model applies, and prove says why instead of proving nothing.
        var prove = CliTests.Pgcheck("prove", "tests/unseen-specs/pdp11.isa");
        Assert.Equal(1, prove.Code);
        Assert.Contains("prove has no proof model of an allocator for pdp11 (its vmmap relocate moves Mem by an offset)", prove.Err);
    }

    // ---- regressions on small specs ----

    private const string Header = """
        isa t "t";
        encoding bytes;
        memory E : bits(8) -> bits(8), big;
        register P : bits(8);
        register M : bits(1);
        register G : bits(8);
        roles {
          pc P;
          storage E;
          mode M;
          supervisor when M == 0;
          enter user { M := 1; }
          enter supervisor { M := 0; }
        }
        fn fetch(i : bits(32)) : bits(8) = E[P + i[7..0]];

        """;

    private static IsaModel LoadText(string text)
    {
        var result = IsaFrontEnd.LoadText(text, "t.isa");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    /// <summary>
    /// The byte 0x07 always decodes to OP7 (its operand byte is free), so OP's `m == 7` branch never runs. The checker
    /// used to compare only patterns of equal length and analysed OP on the word 0x07: a control change from user mode,
    /// a Theorem 1 violation whose witness "replayed" (the replay runs the word without decoding it).
    /// </summary>
    [Fact]
    public void A_short_pattern_is_not_analysed_on_words_a_longer_refinement_always_takes()
    {
        var model = LoadText(Header + """
            instruction OP "0000 0 m:3" "OP m; the encoding m = 7 is OP7's" { if m == 7 { M := 0; } else { G := G + 1; } P := P + 1; }
            instruction OP7 "0000 0111 v:8" "OP7 v" { G := v; P := P + 2; }
            """);
        var op = model.Instructions.Single(i => i.Name == "OP");
        var op7 = model.Instructions.Single(i => i.Name == "OP7");
        Assert.True(op7.Encoding.WinsEveryWordOf(op.Encoding));
        Assert.False(op.Encoding.WinsEveryWordOf(op7.Encoding));

        var report = SpecAnalyzer.Check(model, new AnalysisOptions { Definitions = Definitions.All });
        foreach (var d in report.Definitions)
        {
            Assert.True(d.Virtualizable.IsYes, $"{d.Definition}: {d.Virtualizable}");
            Assert.True(d.Row("OP").ControlSensitive.IsNo);
        }
    }

    /// <summary>A longer pattern with fixed bits in its tail takes only the streams whose tail matches: OP keeps its word.</summary>
    [Fact]
    public void A_longer_pattern_with_a_fixed_tail_leaves_the_short_word_to_the_short_pattern()
    {
        var model = LoadText(Header + """
            instruction OP "0000 0 m:3" "OP m" { if m == 7 { M := 0; } P := P + 1; }
            instruction OP7 "0000 0111 1111 1111" "OP7" { P := P + 2; }
            """);
        var d = SpecAnalyzer.Check(model, new AnalysisOptions { Definitions = [Definition.Classic] }).Definitions[0];
        Assert.True(d.Virtualizable.IsNo);
        Assert.Equal(["OP"], Names(d.Violations));
        Assert.NotNull(d.Row("OP").Violation.Witness);
    }

    [Fact]
    public void A_spec_without_a_vmmap_has_the_identity_map_and_nothing_is_location_sensitive()
    {
        var model = LoadText(Header + """
            instruction LD "0001 0000" "G := E[G]" { G := E[G]; P := P + 1; }
            instruction ST "0010 0000" "E[G] := G" { E[G] := G; P := P + 1; }
            """);
        Assert.Null(model.VmMap);
        var report = SpecAnalyzer.Check(model, new AnalysisOptions { Definitions = Definitions.All });
        Assert.Empty(report.InternalErrors);
        Assert.All(report.Definitions, d => Assert.True(d.Virtualizable.IsYes, $"{d.Definition}: {d.Virtualizable}"));
    }
}
