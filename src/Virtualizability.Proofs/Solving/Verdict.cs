namespace Virtualizability.Proofs.Solving;

/// <summary>An obligation's outcome: unsat of the negation is Proved, sat is Failed (with a counterexample), anything else Unknown.</summary>
public enum ProofVerdict { Proved, Failed, Unknown, NotApplicable }

public static class ProofVerdicts
{
    public static string Text(this ProofVerdict verdict) => verdict switch
    {
        ProofVerdict.Proved => "proved",
        ProofVerdict.Failed => "failed",
        ProofVerdict.Unknown => "unknown",
        ProofVerdict.NotApplicable => "not-applicable",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };
}
