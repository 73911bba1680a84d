using Virtualizability.Proofs;
using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Solving;

namespace Virtualizability.Cli.Commands;

/// <summary>The `prove` report: one line per instruction, then every failure with its counterexample.</summary>
public static class ProveText
{
    public static void Render(ProofReport report, TextWriter output)
    {
        output.WriteLine($"{report.Spec}  ({report.SpecHash})");
        output.WriteLine($"allocator: {report.Allocator}");
        foreach (var l in report.Lemmas)
            output.WriteLine($"lemma {l.Name}: {l.Verdict.Text()} {l.Elapsed.TotalMilliseconds:0} ms" +
                (l.RecheckVerdict is { } recheck ? $" {Mark(l.Verdict, recheck)}" + (recheck == l.Verdict ? "" : $" (recheck: {recheck.Text()})") : "") +
                (l.Verdict == ProofVerdict.Proved || l.Reason is null ? "" : $" ({l.Reason})"));
        var properties = Enum.GetValues<ObligationProperty>();
        var width = Math.Max(11, report.Results.Max(r => r.Instruction.Length));
        output.WriteLine("instruction".PadRight(width) + "  " + string.Join("  ", properties.Select(p => p.FileName().PadRight(18))));
        foreach (var group in report.Results.GroupBy(r => r.Instruction))
        {
            var cells = properties.Select(p => group.First(r => r.Property == p)).Select(Cell);
            output.WriteLine(group.Key.PadRight(width) + "  " + string.Join("  ", cells.Select(c => c.PadRight(18))));
        }
        foreach (var r in report.Results.Where(r => r.Verdict is ProofVerdict.Failed or ProofVerdict.Unknown || r.Disagrees || r.Unconfirmed))
        {
            output.WriteLine();
            output.WriteLine($"{r.Instruction} {r.Property.FileName()}: {r.Verdict.Text()}{(r.Reason is null ? "" : " (" + r.Reason + ")")}");
            // A split obligation has a recheck verdict of its own only when every part was rechecked: name the parts.
            foreach (var d in r.Parts.Count > 0 ? r.Parts.Where(p => p.Disagrees || p.Unconfirmed) : r.Disagrees || r.Unconfirmed ? [r] : [])
                output.WriteLine($"  {(d.Disagrees ? "DISAGREEMENT" : "NOT CONFIRMED")}{(d.PartLabel is null ? "" : $" on part {d.PartLabel}")}: "
                    + $"{d.Verdict.Text()}, the recheck says {d.RecheckVerdict!.Value.Text()}{(d.Reason is null || d == r ? "" : $" ({d.Reason})")}");
            if (r.Counterexample is { } cex) output.Write(cex);
            // A whole equivalence is one disjunction over every route of the VMM's step; one route at a time is often decided
            // where the whole is not (SPARC's ADD: unknown at 60 s whole, 0.2 s in six parts).
            if (r.Verdict == ProofVerdict.Unknown && r.Property == ObligationProperty.Equivalence && r.Parts.Count == 0)
                output.WriteLine("  (asked whole: `--split outcome` asks one route of the VMM's step at a time, which the solver often decides where the whole is unknown)");
        }
        var counts = report.Results.GroupBy(r => r.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Text()}");
        output.WriteLine();
        output.WriteLine($"{string.Join(", ", counts)} in {report.Elapsed.TotalSeconds:0.0} s" +
            (report.Lemmas.Count > 0 ? $"; {report.Lemmas.Count(l => l.Verdict == ProofVerdict.Proved)} of {report.Lemmas.Count} allocator lemmas proved" : "") +
            (report.Disagreements.Any() ? $"; {report.Disagreements.Count()} disagreement(s) with the recheck" : "") +
            (report.Unconfirmed.Any() ? $"; {report.Unconfirmed.Count()} decided by one solver only" : ""));
    }

    private static string Cell(ObligationResult r)
    {
        var text = r.Verdict == ProofVerdict.NotApplicable ? "n/a" : $"{r.Verdict.Text()} {r.Elapsed.TotalMilliseconds:0} ms";
        if (r.Parts.Count > 0) text += $" ({r.Parts.Count} parts)";
        if (r.RecheckVerdict is { } recheck) text += " " + Mark(r.Verdict, recheck);
        else if (r.Disagrees) text += " ✗";
        else if (r.Unconfirmed) text += " ?";
        return text;
    }

    /// <summary>✓ when both solvers gave the same answer, ✗ for contrary answers, ? when either gave none.</summary>
    private static string Mark(ProofVerdict verdict, ProofVerdict recheck) =>
        RecheckComparison.Conflicts(verdict, recheck) ? "✗" : recheck == verdict && verdict != ProofVerdict.Unknown ? "✓" : "?";
}
