using Virtualizability.Analysis.Replay;
using Virtualizability.Analysis.Symbolic;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis;

/// <summary>
/// Sends queries to the solver (writing each as SMT-LIB when asked), turns models into concrete claims and has
/// them replayed. A claim the executable model does not confirm is recorded as an internal error naming the
/// instruction and answered unknown: it is never shown as a witness.
/// </summary>
internal sealed class QueryRunner(AnalysisOptions options, WitnessReplayer replayer, string isaName, string instructionName, string fileStem)
{
    public List<string> InternalErrors { get; } = new();

    public void Emit(Query query, string property, string definition)
    {
        if (options.EmitSmtDirectory is not { } dir) return;
        Directory.CreateDirectory(dir);
        SmtLibWriter.WriteFile(query, Path.Combine(dir, $"{isaName}.{fileStem}.{property}.{definition}.smt2"));
    }

    /// <summary>
    /// Asks the solver, and the fallback solver when the first leaves the query undecided and
    /// <paramref name="fallback"/> holds (a batch that will be split anyway does not wait for a second solver).
    /// With a fallback, the first solver first gets <see cref="FirstTry"/> of the limit: the two solvers find
    /// different queries hard (mips32's SWR location query: z3 gives up after 10 s, cvc5 answers in 1–2 s), so a
    /// query the first does not settle quickly goes to the second with the whole limit, and only if the second
    /// cannot settle it either does the first get the whole limit too. Every question still gets the whole limit
    /// from each solver before it is reported undecided.
    /// </summary>
    public SolverResult Solve(Query query, TimeSpan timeout, bool fallback = true)
    {
        var cpu = Profiling.ThreadCpuMs();
        var wall = Profiling.Start();
        var second = fallback ? options.FallbackSolver : null;
        var quick = second is null ? timeout : timeout * FirstTry;
        var result = options.Solver.Check(query, quick);
        var by = "";
        if (second is not null && IsUndecided(result))
        {
            result = second.Check(query, timeout);
            if (!IsUndecided(result)) by = " (" + second.Name + ")";
            else if (quick < timeout) result = options.Solver.Check(query, timeout);
        }
        if (Profiling.Enabled)
            Profiling.Solved(instructionName, query.Name.Split(": ", 2)[^1], Profiling.Ms(wall), Profiling.ThreadCpuMs() - cpu, result.GetType().Name + by);
        return result;
    }

    /// <summary>The share of the limit the first solver gets before a fallback solver is asked.</summary>
    private const double FirstTry = 0.2;

    private static bool IsUndecided(SolverResult result) => result is SolverResult.Timeout or SolverResult.Unknown;

    public static Answer Undecided(SolverResult result) => result switch
    {
        SolverResult.Timeout t => Answer.Unknown($"timeout after {t.Limit.TotalMilliseconds:0} ms"),
        SolverResult.Unknown u => Answer.Unknown($"solver answered unknown: {u.Reason}"),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    public ConcreteClaim Concretize(Claim claim, SymbolicWord word, SolverModel model)
    {
        using var _ = ProfileSummary.Time("replay");
        var concrete = new ConcreteClaim(
            claim.Kind, claim.Domain, word.Instruction, word.Concrete(model),
            ConcreteState.FromModel(claim.Start, model),
            claim.Offset is { } x ? model.Bits(x) : null,
            claim.Other is { } other ? ConcreteState.FromModel(other, model) : null);
        return options.TamperWithClaim is { } tamper ? tamper(concrete) : concrete;
    }

    /// <summary>Replays a claim; null (and an internal error recorded) when the executable model disagrees.</summary>
    public Witnesses.Witness? Replay(ConcreteClaim claim)
    {
        var result = Replayed(claim);
        if (result.Witness is { } w) return w;
        InternalErrors.Add($"{instructionName}: the solver's {claim.Kind.Name()} witness does not replay on the executable model: {result.Mismatch}");
        return null;
    }

    /// <summary>Replays a claim derived from another answer; null (and no internal error) when it does not hold.</summary>
    public Witnesses.Witness? TryReplay(ConcreteClaim claim) => Replayed(claim).Witness;

    private ReplayResult Replayed(ConcreteClaim claim)
    {
        using var _ = ProfileSummary.Time("replay");
        return replayer.Replay(claim);
    }

    public Answer ReplayFailed(PropertyKind kind) =>
        Answer.Unknown($"internal error: the {kind.Name()} witness of {instructionName} did not replay");

    public static bool Holds(SolverModel model, Term t) => model.Holds(t);
}
