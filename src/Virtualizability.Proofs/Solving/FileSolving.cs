using System.Diagnostics;
using Virtualizability.Smt.Solving;

namespace Virtualizability.Proofs.Solving;

/// <summary>One written query's run: the solver's verdict, its model on sat, and the recheck of the file when asked for.</summary>
public sealed record SolvedFile(ProofVerdict Verdict, TimeSpan Elapsed, string? Reason, SolverModel? Model, ProofVerdict? Recheck, TimeSpan? RecheckElapsed);

/// <summary>Solves a query whose text is already written to a file, then rechecks the file (obligations and lemmas alike).</summary>
public static class FileSolving
{
    public static SolvedFile Solve(Query query, string path, ProofOptions options)
    {
        var clock = Stopwatch.StartNew();
        var answer = options.Solver.Check(query, options.Timeout);
        var elapsed = clock.Elapsed;
        var (verdict, reason, model) = answer switch
        {
            SolverResult.Unsat => (ProofVerdict.Proved, (string?)null, (SolverModel?)null),
            SolverResult.Sat sat => (ProofVerdict.Failed, null, sat.Model),
            SolverResult.Timeout t => (ProofVerdict.Unknown, $"timeout after {t.Limit.TotalMilliseconds} ms", null),
            SolverResult.Unknown u => (ProofVerdict.Unknown, u.Reason, null),
            _ => throw new InvalidOperationException($"unexpected solver result {answer}"),
        };
        if (options.Recheck is not { } rechecker) return new SolvedFile(verdict, elapsed, reason, model, null, null);
        var (recheck, recheckElapsed, detail) = rechecker.Check(path, options.RecheckTimeout ?? options.Timeout);
        if (recheck == ProofVerdict.Unknown) reason = (reason is null ? "" : reason + "; ") + $"{rechecker.Name}: {detail}";
        return new SolvedFile(verdict, elapsed, reason, model, recheck, recheckElapsed);
    }
}
