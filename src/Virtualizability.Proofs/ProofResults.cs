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
    /// <summary>The solver and the recheck disagree (an unknown recheck of a decided verdict counts: it did not confirm).</summary>
    public bool Disagrees => RecheckVerdict is { } r && Verdict != ProofVerdict.NotApplicable && r != Verdict;

    /// <summary>The allocator lemmas whose instances the obligation's file asserts.</summary>
    public IReadOnlyList<string> Lemmas { get; init; } = [];
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
    /// <summary>The solver and the recheck disagree (an unknown recheck of a decided verdict counts: it did not confirm).</summary>
    public bool Disagrees => RecheckVerdict is { } r && r != Verdict;
}

/// <summary>Every obligation of a spec, in spec order.</summary>
public sealed record ProofReport(string Spec, string SpecHash, string Allocator, IReadOnlyList<ObligationResult> Results, TimeSpan Elapsed)
{
    /// <summary>The allocator lemmas, proved before the obligations that assert their instances.</summary>
    public IReadOnlyList<LemmaResult> Lemmas { get; init; } = [];

    /// <summary>Lemmas the solver refuted or the recheck did not confirm: the allocator model states something false, or a solver is wrong.</summary>
    public IEnumerable<LemmaResult> LemmaFailures => Lemmas.Where(l => l.Verdict == ProofVerdict.Failed || l.Disagrees);

    public IEnumerable<ObligationResult> Failed => Results.Where(r => r.Verdict == ProofVerdict.Failed);
    public IEnumerable<ObligationResult> Unknown => Results.Where(r => r.Verdict == ProofVerdict.Unknown);
    public IEnumerable<ObligationResult> Disagreements => Results.Where(r => r.Disagrees);
}
