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
}

/// <summary>Every obligation of a spec, in spec order.</summary>
public sealed record ProofReport(string Spec, string SpecHash, string Allocator, IReadOnlyList<ObligationResult> Results, TimeSpan Elapsed)
{
    public IEnumerable<ObligationResult> Failed => Results.Where(r => r.Verdict == ProofVerdict.Failed);
    public IEnumerable<ObligationResult> Unknown => Results.Where(r => r.Verdict == ProofVerdict.Unknown);
    public IEnumerable<ObligationResult> Disagreements => Results.Where(r => r.Disagrees);
}
