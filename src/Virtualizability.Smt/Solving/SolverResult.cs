using System.Collections.Immutable;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Solving;

/// <summary>A solver's answer. Unknown and Timeout are answers in their own right, never verdicts.</summary>
public abstract record SolverResult
{
    public sealed record Sat(SolverModel Model) : SolverResult;
    public sealed record Unsat : SolverResult;
    public sealed record Unknown(string Reason) : SolverResult;
    public sealed record Timeout(TimeSpan Limit) : SolverResult;
}

/// <summary>
/// A satisfying assignment: a value for every free symbol of the query, and the solver's own values for the
/// query's observed terms (so a caller can check them against <see cref="Evaluate"/>).
/// </summary>
public sealed record SolverModel(ImmutableDictionary<string, ModelValue> Symbols, ImmutableArray<ModelValue> ObservedValues)
{
    /// <summary>The value of any term under this model (symbols the model does not mention are zero).</summary>
    public ModelValue Evaluate(Term term) => TermEvaluator.Evaluate(term, Symbols);

    public ulong Bits(Term term) => ((BitVecValue)Evaluate(term)).Value;

    public bool Holds(Term term) => ((BoolValue)Evaluate(term)).Value;
}

public interface ISolverBackend
{
    string Name { get; }

    SolverResult Check(Query query, TimeSpan timeout, CancellationToken cancellationToken = default);
}
