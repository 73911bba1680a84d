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
internal sealed class QueryRunner(AnalysisOptions options, WitnessReplayer replayer, string isaName, string instructionName)
{
    public List<string> InternalErrors { get; } = new();

    public void Emit(Query query, string property, string definition)
    {
        if (options.EmitSmtDirectory is not { } dir) return;
        Directory.CreateDirectory(dir);
        SmtLibWriter.WriteFile(query, Path.Combine(dir, $"{isaName}.{instructionName}.{property}.{definition}.smt2"));
    }

    /// <summary>
    /// Asks the solver, and the fallback solver when the first leaves the query undecided and
    /// <paramref name="fallback"/> holds (a batch that will be split anyway does not wait for a second solver).
    /// </summary>
    public SolverResult Solve(Query query, TimeSpan timeout, bool fallback = true)
    {
        var cpu = Profiling.ThreadCpuMs();
        var wall = Profiling.Start();
        var result = options.Solver.Check(query, timeout);
        var by = "";
        if (fallback && result is SolverResult.Timeout or SolverResult.Unknown && options.FallbackSolver is { } second
            && second.Check(query, timeout) is var answer and (SolverResult.Sat or SolverResult.Unsat))
            (result, by) = (answer, " (" + second.Name + ")");
        if (Profiling.Enabled)
            Profiling.Solved(instructionName, query.Name.Split(": ", 2)[^1], Profiling.Ms(wall), Profiling.ThreadCpuMs() - cpu, result.GetType().Name + by);
        return result;
    }

    public static Answer Undecided(SolverResult result) => result switch
    {
        SolverResult.Timeout t => Answer.Unknown($"timeout after {t.Limit.TotalMilliseconds:0} ms"),
        SolverResult.Unknown u => Answer.Unknown($"solver answered unknown: {u.Reason}"),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    public ConcreteClaim Concretize(Claim claim, SymbolicWord word, SolverModel model)
    {
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
        var result = replayer.Replay(claim);
        if (result.Witness is { } w) return w;
        InternalErrors.Add($"{instructionName}: the solver's {claim.Kind.Name()} witness does not replay on the executable model: {result.Mismatch}");
        return null;
    }

    /// <summary>Replays a claim derived from another answer; null (and no internal error) when it does not hold.</summary>
    public Witnesses.Witness? TryReplay(ConcreteClaim claim) => replayer.Replay(claim).Witness;

    public Answer ReplayFailed(PropertyKind kind) =>
        Answer.Unknown($"internal error: the {kind.Name()} witness of {instructionName} did not replay");

    public static bool Holds(SolverModel model, Term t) => model.Holds(t);
}
