namespace Virtualizability.Analysis.Tests;

/// <summary>
/// Instructions checked under all three definitions at once, as `pgcheck check --definition all` does: the questions
/// of the definitions are batched per start state and answered along implications, and the violations of the
/// definitions share their fixed-word queries (docs/definitions.md, "How the checker asks"). Category "Corpus".
/// </summary>
[Trait("Category", "Corpus")]
public class AllDefinitionsCorpusTests
{
    private static readonly Definition[] All = [Definition.Classic, Definition.User, Definition.PerState];

    private static SpecReport Check(string spec, params string[] instructions) =>
        SpecAnalyzer.Check(Specs.Load(spec), new AnalysisOptions { Definitions = All, Instructions = instructions, Timeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public void Riscv_csrrs_is_sensitive_only_classically_and_mode_sensitive_under_no_definition()
    {
        var report = Check("riscv.isa", "CSRRS");
        var (classic, user, perState) = (report.Definitions[0].Row("CSRRS"), report.Definitions[1].Row("CSRRS"), report.Definitions[2].Row("CSRRS"));
        // Classic: writing a resource CSR (mstatus …) from machine mode is a control change; reading satp is
        // location-sensitive. No word behaves differently in machine and user mode when it completes in both (the mode
        // group's questions, batched per start state, both unsat).
        Assert.Equal(Verdict.Yes, classic.ControlSensitive.Verdict);
        Assert.Equal(Verdict.Yes, classic.LocationSensitive.Verdict);
        Assert.Equal(Verdict.No, classic.ModeSensitive.Verdict);
        Assert.Equal(Verdict.No, classic.Violation.Verdict);
        foreach (var row in new[] { user, perState })
        {
            Assert.Equal(Verdict.Yes, row.Innocuous.Verdict);
            Assert.Equal(Verdict.No, row.ModeSensitive.Verdict);
            Assert.Equal(Verdict.No, row.Violation.Verdict);
        }
        // Reading cycle from user mode when the counter enables allow it.
        Assert.Equal(Verdict.Yes, perState.TimeDependent.Verdict);
        Assert.NotNull(perState.TimeDependent.Witness);
        Assert.Empty(report.InternalErrors);
    }

    [Fact]
    public void X86_int_violates_theorems_1_and_3_under_every_definition_with_one_word_for_both_witnesses()
    {
        var report = Check("x86-protected.isa", "INT");
        foreach (var definition in report.Definitions)
        {
            var row = definition.Row("INT");
            Assert.Equal(Verdict.Yes, row.Violation.Verdict);
            Assert.Equal(Verdict.Yes, row.HybridViolation.Verdict);
            if (definition.Definition == Definition.PerState) continue;   // per-state needs no privilege witness
            // The violation pairs a sensitivity witness with a not-privileged witness of the same word.
            Assert.NotNull(row.Violation.SecondWitness);
            Assert.Equal(row.Violation.Witness!.Word, row.Violation.SecondWitness!.Word);
            Assert.Equal(row.HybridViolation.Witness!.Word, row.HybridViolation.SecondWitness!.Word);
        }
        Assert.Empty(report.InternalErrors);
    }
}
