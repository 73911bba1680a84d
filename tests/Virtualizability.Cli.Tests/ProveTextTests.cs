using Virtualizability.Cli.Commands;
using Virtualizability.Proofs;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Solving;
using Xunit;

namespace Virtualizability.Cli.Tests;

/// <summary>
/// The prove report of a split obligation whose parts were not all rechecked (the run's budget ran out): the obligation
/// has no recheck verdict of its own, so what the recheck said is named on its parts (a whole mips32 run once ended
/// here in an internal error instead of its report). A part the recheck did not decide is "not confirmed" (exit 3), a
/// part it decided the other way a disagreement (exit 2).
/// </summary>
public sealed class ProveTextTests
{
    private static ObligationResult Part(string label, ProofVerdict verdict, ProofVerdict? recheck, string? reason) =>
        new("JALR", ObligationProperty.Equivalence, $"JALR.equivalence.{label}.smt2", verdict, TimeSpan.FromMilliseconds(25),
            reason, null, recheck, recheck is null ? null : TimeSpan.FromMilliseconds(500)) { PartLabel = label, PartCondition = label };

    private static ObligationResult Whole(ObligationProperty property, ProofVerdict recheck = ProofVerdict.Proved) =>
        new("JALR", property, $"JALR.{property}.smt2", ProofVerdict.Proved, TimeSpan.FromMilliseconds(300), null, null, recheck, TimeSpan.FromMilliseconds(400));

    private static string Render(params ObligationResult[] results)
    {
        var text = new StringWriter();
        ProveText.Render(new ProofReport("spec.isa", "sha256:0", "test allocator", results, TimeSpan.FromSeconds(1)), text);
        return text.ToString();
    }

    [Fact]
    public void A_part_the_recheck_did_not_decide_is_named_not_confirmed_when_other_parts_were_not_rechecked()
    {
        var obligation = ObligationResult.OfParts([
            Part("outcome-completes", ProofVerdict.Proved, ProofVerdict.Proved, null),
            Part("outcome-trap-Interrupt-interpreted", ProofVerdict.Proved, ProofVerdict.Unknown, "cvc5: interrupted by timeout"),
            Part("outcome-none", ProofVerdict.Unknown, null, "not attempted: the run's budget was spent"),
        ]);
        Assert.Null(obligation.RecheckVerdict);
        Assert.True(obligation.Unconfirmed);
        Assert.False(obligation.Disagrees);

        var text = Render(obligation, Whole(ObligationProperty.Efficiency), Whole(ObligationProperty.ResourceControl));

        Assert.Contains("NOT CONFIRMED on part outcome-trap-Interrupt-interpreted: proved, the recheck says unknown (cvc5: interrupted by timeout)", text);
        Assert.DoesNotContain("on part outcome-completes", text);
        Assert.DoesNotContain("DISAGREEMENT", text);
        Assert.Contains("1 decided by one solver only", text);
    }

    [Fact]
    public void A_part_the_recheck_refutes_is_a_disagreement_and_a_whole_one_is_marked_in_its_cell()
    {
        var split = ObligationResult.OfParts([
            Part("outcome-completes", ProofVerdict.Proved, ProofVerdict.Failed, null),
            Part("outcome-none", ProofVerdict.Proved, ProofVerdict.Proved, null),
        ]);
        Assert.True(split.Disagrees);
        Assert.False(split.Unconfirmed);

        var text = Render(split, Whole(ObligationProperty.Efficiency, ProofVerdict.Unknown), Whole(ObligationProperty.ResourceControl, ProofVerdict.Failed));

        Assert.Contains("DISAGREEMENT on part outcome-completes: proved, the recheck says failed", text);
        Assert.Contains("efficiency: proved", text);
        Assert.Contains("NOT CONFIRMED: proved, the recheck says unknown", text);
        Assert.Contains("resource-control: proved", text);
        Assert.Contains("DISAGREEMENT: proved, the recheck says failed", text);
        Assert.Contains("2 disagreement(s) with the recheck; 1 decided by one solver only", text);
        Assert.Contains("proved 300 ms ?", text);
        Assert.Contains("proved 300 ms ✗", text);
    }
}
