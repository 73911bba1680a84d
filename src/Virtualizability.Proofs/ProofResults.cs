using Virtualizability.Proofs.Obligations;
using Virtualizability.Proofs.Solving;

namespace Virtualizability.Proofs;

/// <summary>The outcome of one obligation; <see cref="Counterexample"/> is the readable pair of states of a failure.</summary>
public sealed record ObligationResult(
    string Instruction,
    ObligationProperty Property,
    string? File,
    ProofVerdict Verdict,
    TimeSpan Elapsed,
    string? Reason,
    string? Counterexample,
    ProofVerdict? RecheckVerdict,
    TimeSpan? RecheckElapsed)
{
    /// <summary>
    /// The solver and the recheck decided differently (one proved, the other found a counterexample): one of them is
    /// wrong, or the file says something else than what was solved. For a split obligation, on some part.
    /// </summary>
    public bool Disagrees => Parts.Count > 0 ? Parts.Any(p => p.Disagrees) : RecheckComparison.Conflicts(Verdict, RecheckVerdict);

    /// <summary>
    /// One of the two decided and the other did not (a timeout, an unknown, a recheck cut short by the run's budget):
    /// not a conflict, but the two solvers do not agree either. For a split obligation, on some part.
    /// </summary>
    public bool Unconfirmed => Parts.Count > 0 ? Parts.Any(p => p.Unconfirmed) : RecheckComparison.Unconfirmed(Verdict, RecheckVerdict);

    /// <summary>The allocator lemmas whose instances the obligation's file asserts.</summary>
    public IReadOnlyList<string> Lemmas { get; init; } = [];

    /// <summary>
    /// A split obligation's parts (<see cref="Obligations.EncodingFieldSplit"/>), each with its own file, verdict and
    /// time; empty for an obligation solved whole. The obligation is proved iff every part is.
    /// </summary>
    public IReadOnlyList<ObligationResult> Parts { get; init; } = [];

    /// <summary>For a part: its label (the file-name suffix) and its condition in words.</summary>
    public string? PartLabel { get; init; }
    public string? PartCondition { get; init; }

    /// <summary>
    /// The obligation whose parts these are: failed if a part failed, else unknown if a part is unknown, else proved
    /// (likewise the recheck); its time is the parts' total.
    /// </summary>
    public static ObligationResult OfParts(IReadOnlyList<ObligationResult> parts)
    {
        var first = parts[0];
        var verdict = Combine(parts.Select(p => p.Verdict));
        var recheck = parts.All(p => p.RecheckVerdict is not null) ? Combine(parts.Select(p => p.RecheckVerdict!.Value)) : (ProofVerdict?)null;
        var notProved = parts.Where(p => p.Verdict != ProofVerdict.Proved).ToList();
        var worst = notProved.FirstOrDefault(p => p.Verdict == ProofVerdict.Failed) ?? notProved.FirstOrDefault();
        var reason = worst is null ? null
            : $"{notProved.Count} of {parts.Count} parts not proved; part {worst.PartLabel} ({worst.PartCondition}): {worst.Verdict.Text()}" +
              (worst.Reason is null ? "" : $" ({worst.Reason})");
        var counterexample = worst?.Counterexample is { } cex ? $"  in part {worst.PartLabel} ({worst.PartCondition}):\n{cex}" : null;
        return new ObligationResult(first.Instruction, first.Property, null, verdict,
            TimeSpan.FromTicks(parts.Sum(p => p.Elapsed.Ticks)), reason, counterexample, recheck,
            recheck is null ? null : TimeSpan.FromTicks(parts.Sum(p => p.RecheckElapsed!.Value.Ticks)))
        {
            Lemmas = [.. parts.SelectMany(p => p.Lemmas).Distinct()],
            Parts = parts,
        };
    }

    private static ProofVerdict Combine(IEnumerable<ProofVerdict> verdicts)
    {
        var all = verdicts.ToList();
        return all.Contains(ProofVerdict.Failed) ? ProofVerdict.Failed
            : all.Contains(ProofVerdict.Unknown) ? ProofVerdict.Unknown
            : ProofVerdict.Proved;
    }
}

/// <summary>The outcome of an allocator lemma's own obligation (its negation unsat = proved).</summary>
public sealed record LemmaResult(
    string Name,
    string Statement,
    string File,
    ProofVerdict Verdict,
    TimeSpan Elapsed,
    string? Reason,
    ProofVerdict? RecheckVerdict,
    TimeSpan? RecheckElapsed)
{
    /// <summary>The solver and the recheck decided differently.</summary>
    public bool Disagrees => RecheckComparison.Conflicts(Verdict, RecheckVerdict);

    /// <summary>One of the solver and the recheck decided and the other did not.</summary>
    public bool Unconfirmed => RecheckComparison.Unconfirmed(Verdict, RecheckVerdict);
}

/// <summary>Every obligation of a spec, in spec order.</summary>
public sealed record ProofReport(string Spec, string SpecHash, string Allocator, IReadOnlyList<ObligationResult> Results, TimeSpan Elapsed)
{
    /// <summary>The allocator lemmas, proved before the obligations that assert their instances.</summary>
    public IReadOnlyList<LemmaResult> Lemmas { get; init; } = [];

    /// <summary>Lemmas the solver refuted or the recheck contradicted: the allocator model states something false, or a solver is wrong.</summary>
    public IEnumerable<LemmaResult> LemmaFailures => Lemmas.Where(l => l.Verdict == ProofVerdict.Failed || l.Disagrees);

    /// <summary>Lemmas one solver decided and the other did not (the obligations that assume them are not confirmed either).</summary>
    public IEnumerable<LemmaResult> LemmasUnconfirmed => Lemmas.Where(l => l.Unconfirmed);

    public IEnumerable<ObligationResult> Failed => Results.Where(r => r.Verdict == ProofVerdict.Failed);
    public IEnumerable<ObligationResult> Unknown => Results.Where(r => r.Verdict == ProofVerdict.Unknown);
    public IEnumerable<ObligationResult> Disagreements => Results.Where(r => r.Disagrees);
    public IEnumerable<ObligationResult> Unconfirmed => Results.Where(r => r.Unconfirmed);
}
