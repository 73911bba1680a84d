namespace Virtualizability.Analysis.Tests;

/// <summary>
/// The literature's key instructions in the real-ISA corpus, checked on a selection of instructions so that the
/// suite stays fast (the whole corpus is timed by bench/check-corpus.sh). Category "Corpus".
/// </summary>
[Trait("Category", "Corpus")]
public class CorpusTests
{
    private static SpecReport Check(string spec, Definition d, params string[] instructions) =>
        SpecAnalyzer.Check(Specs.Load(spec), new AnalysisOptions { Definitions = [d], Instructions = instructions, Timeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public void Pdp10_jrst1_breaks_theorem_1_per_state_but_is_a_plain_jump_in_user_mode()
    {
        var report = Check("pdp10.isa", Definition.PerState, "JRST1");
        var jrst1 = report.Definitions[0].Row("JRST1");
        Assert.Equal(Verdict.Yes, jrst1.Violation.Verdict);
        // The literature's hybrid "yes": in user mode JRST 1 is a plain jump that commutes with relocation.
        Assert.Equal(Verdict.No, jrst1.HybridViolation.Verdict);
        Assert.Equal(Verdict.No, jrst1.ControlSensitive.Verdict);
        Assert.Empty(report.InternalErrors);
    }

    [Fact]
    public void Riscv_mret_and_loads_pass_per_state_in_user_mode()
    {
        var report = Check("riscv.isa", Definition.PerState, "MRET", "SRET", "LW", "ADD");
        foreach (var row in report.Definitions[0].Instructions)
            Assert.Equal(Verdict.No, row.Violation.Verdict);
        Assert.Empty(report.InternalErrors);
    }
}
