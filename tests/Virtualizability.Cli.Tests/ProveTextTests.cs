using Virtualizability.Cli.Commands;
using Virtualizability.Proofs;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Solving;
using Xunit;

namespace Virtualizability.Cli.Tests;

/// <summary>
/// The prove report of a split obligation whose parts were not all rechecked (the run's budget ran out) and one of
/// which the recheck did not confirm: the obligation has no recheck verdict of its own, so the disagreement is named
/// on its part (a whole mips32 run once ended here in an internal error instead of its report).
/// </summary>
public sealed class ProveTextTests
{
    private static ObligationResult Part(string label, ProofVerdict verdict, ProofVerdict? recheck, string? reason) =>
        new("JALR", ObligationProperty.Equivalence, $"JALR.equivalence.{label}.smt2", verdict, TimeSpan.FromMilliseconds(25),
            reason, null, recheck, recheck is null ? null : TimeSpan.FromMilliseconds(500)) { PartLabel = label, PartCondition = label };

    [Fact]
    public void A_part_the_recheck_did_not_confirm_is_named_when_other_parts_were_not_rechecked()
    {
        var obligation = ObligationResult.OfParts([
            Part("outcome-completes", ProofVerdict.Proved, ProofVerdict.Proved, null),
            Part("outcome-trap-Interrupt-interpreted", ProofVerdict.Proved, ProofVerdict.Unknown, "cvc5: interrupted by timeout"),
            Part("outcome-none", ProofVerdict.Unknown, null, "not attempted: the run's budget was spent"),
        ]);
        Assert.Null(obligation.RecheckVerdict);
        Assert.True(obligation.Disagrees);
        ObligationResult Whole(ObligationProperty property) =>
            new("JALR", property, $"JALR.{property}.smt2", ProofVerdict.Proved, TimeSpan.FromMilliseconds(300), null, null, ProofVerdict.Proved, TimeSpan.FromMilliseconds(400));
        var report = new ProofReport("spec.isa", "sha256:0", "test allocator",
            [obligation, Whole(ObligationProperty.Efficiency), Whole(ObligationProperty.ResourceControl)], TimeSpan.FromSeconds(1));

        var text = new StringWriter();
        ProveText.Render(report, text);

        Assert.Contains("DISAGREEMENT on part outcome-trap-Interrupt-interpreted: proved, the recheck says unknown (cvc5: interrupted by timeout)",
            text.ToString());
        Assert.DoesNotContain("DISAGREEMENT on part outcome-completes", text.ToString());
        Assert.Contains("1 disagreement(s) with the recheck", text.ToString());
    }
}
