using Virtualizability.Proofs.Solving;

namespace Virtualizability.Proofs;

/// <summary>
/// How a file's verdict from the prover's solver and from the recheck relate. A conflict (proved against failed) means
/// a solver is wrong; an answer on one side only (the other timed out, said unknown, or was cut short by the run's
/// budget) leaves the file undecided by one of them, which is not a conflict but not agreement either.
/// </summary>
public static class RecheckComparison
{
    public static bool Conflicts(ProofVerdict verdict, ProofVerdict? recheck) =>
        recheck is { } r && IsDecided(verdict) && IsDecided(r) && r != verdict;

    public static bool Unconfirmed(ProofVerdict verdict, ProofVerdict? recheck) =>
        recheck is { } r && verdict != ProofVerdict.NotApplicable && IsDecided(verdict) != IsDecided(r);

    private static bool IsDecided(ProofVerdict verdict) => verdict is ProofVerdict.Proved or ProofVerdict.Failed;
}
