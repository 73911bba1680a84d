namespace Virtualizability.Analysis.Tests;

/// <summary>The flawed variants of the P&amp;G machine in isa-specs/variants/.</summary>
public class VariantTests
{
    [Fact]
    public void Jrst_return_to_user_breaks_theorem_1_but_not_theorem_3()
    {
        var report = Specs.CheckAll("variants/pg-jrst.isa");
        var classic = report.Under(Definition.Classic);
        Assert.Equal(Verdict.No, classic.Virtualizable.Verdict);
        Assert.Equal(["RETU"], classic.Violations.Select(v => v.Name));
        Assert.Equal(Verdict.Yes, classic.HybridVirtualizable.Verdict);
        var retu = classic.Row("RETU");
        Assert.Equal(Verdict.Yes, retu.ControlSensitive.Verdict);
        Assert.Equal(Verdict.No, retu.Privileged.Verdict);
        Assert.Equal(Verdict.No, retu.UserSensitive.Verdict);
        // The violation shows the sensitive run (supervisor mode, M changes) and the non-trapping user run, same word.
        var w = retu.Violation.Witness!;
        var second = retu.Violation.SecondWitness!;
        Assert.Equal(w.Word, second.Word);
        Assert.Contains(w.Differences, d => d.Component == "M");

        var perState = report.Under(Definition.PerState);
        Assert.Equal(Verdict.No, perState.Virtualizable.Verdict);
        Assert.Equal(["RETU"], perState.Violations.Select(v => v.Name));
        Assert.Equal(Verdict.Yes, perState.HybridVirtualizable.Verdict);
        Assert.Empty(report.InternalErrors);
    }

    [Fact]
    public void Unprivileged_read_of_r_is_location_sensitive_and_breaks_both_theorems()
    {
        var report = Specs.CheckAll("variants/pg-readr.isa");
        foreach (var d in report.Definitions)
        {
            var rdl = d.Row("RDL");
            Assert.Equal(Verdict.Yes, rdl.LocationSensitive.Verdict);
            Assert.Equal(Verdict.No, d.Virtualizable.Verdict);
            Assert.Equal(Verdict.No, d.HybridVirtualizable.Verdict);
            Assert.Equal(["RDL"], d.Violations.Select(v => v.Name));
            Assert.NotNull(rdl.LocationSensitive.Witness!.Offset);
        }
        Assert.Empty(report.InternalErrors);
    }

    [Fact]
    public void Mode_dependent_no_op_is_mode_sensitive_and_breaks_theorem_1_only()
    {
        var report = Specs.CheckAll("variants/pg-modenop.isa");
        foreach (var d in report.Definitions)
        {
            var setflag = d.Row("SETFLAG");
            Assert.Equal(Verdict.Yes, setflag.ModeSensitive.Verdict);
            Assert.Equal(Verdict.No, setflag.Privileged.Verdict);
            Assert.Equal(Verdict.No, d.Virtualizable.Verdict);
            Assert.Equal(["SETFLAG"], d.Violations.Select(v => v.Name));
            // Mode-sensitivity is not user-sensitivity (docs/definitions.md): a hybrid VMM copes.
            Assert.Equal(Verdict.Yes, d.HybridVirtualizable.Verdict);
            Assert.Contains(setflag.ModeSensitive.Witness!.Differences, x => x.Component == "G[7]");
        }
    }
}
