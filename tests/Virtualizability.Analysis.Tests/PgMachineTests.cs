namespace Virtualizability.Analysis.Tests;

/// <summary>Popek and Goldberg's machine: the virtualizable baseline.</summary>
public class PgMachineTests
{
    private static SpecReport Report => Specs.CheckAll("pg-machine.isa");

    [Theory]
    [InlineData(Definition.Classic)]
    [InlineData(Definition.User)]
    [InlineData(Definition.PerState)]
    public void Virtualizable_recursively_and_hybrid_under_every_definition(Definition d)
    {
        var r = Report.Under(d);
        Assert.Equal(Verdict.Yes, r.Virtualizable.Verdict);
        Assert.Equal(Verdict.Yes, r.RecursivelyVirtualizable.Verdict);
        Assert.Equal(Verdict.Yes, r.HybridVirtualizable.Verdict);
        Assert.Empty(r.Violations);
        Assert.Empty(Report.InternalErrors);
    }

    [Theory]
    [InlineData("LPSW")]
    [InlineData("SETR")]
    [InlineData("GETR")]
    [InlineData("HALT")]
    public void Control_instructions_are_privileged_and_classically_sensitive(string name)
    {
        var row = Report.Under(Definition.Classic).Row(name);
        Assert.Equal(Verdict.Yes, row.Privileged.Verdict);
        Assert.Equal(Verdict.No, row.Innocuous.Verdict);
        // Each sensitivity "yes" carries a replayed witness.
        foreach (var a in new[] { row.ControlSensitive, row.ModeSensitive, row.LocationSensitive }.Where(a => a.IsYes))
            Assert.NotNull(a.Witness);
    }

    [Fact]
    public void Getr_is_location_sensitive_and_lpsw_control_sensitive_in_supervisor_mode()
    {
        var classic = Report.Under(Definition.Classic);
        Assert.Equal(Verdict.Yes, classic.Row("GETR").LocationSensitive.Verdict);
        Assert.Equal(Verdict.Yes, classic.Row("LPSW").ControlSensitive.Verdict);
        Assert.Equal(Verdict.Yes, classic.Row("SETR").ControlSensitive.Verdict);
        // A halt takes control away from the VMM: counted as a control change.
        Assert.Equal(Verdict.Yes, classic.Row("HALT").ControlSensitive.Verdict);
    }

    [Theory]
    [InlineData("LW")]
    [InlineData("ADD")]
    [InlineData("SW")]
    [InlineData("JAL")]
    [InlineData("SVC")]
    public void Ordinary_instructions_are_innocuous_everywhere(string name)
    {
        foreach (var d in Report.Definitions)
        {
            Assert.Equal(Verdict.Yes, d.Row(name).Innocuous.Verdict);
            Assert.Equal(Verdict.No, d.Row(name).Privileged.Verdict);
            Assert.NotNull(d.Row(name).Privileged.Witness);   // "not privileged" is shown by a replayed state
        }
    }

    [Fact]
    public void Under_the_user_definition_privileged_instructions_are_innocuous_since_they_trap_in_user_mode()
    {
        var user = Report.Under(Definition.User);
        foreach (var name in new[] { "LPSW", "SETR", "GETR", "HALT" })
            Assert.Equal(Verdict.Yes, user.Row(name).Innocuous.Verdict);
    }
}
