using System.Collections.Immutable;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Solving;

/// <summary>
/// A satisfiability question: is the conjunction of <see cref="Assertions"/> satisfiable? For sat answers the
/// model assigns every free symbol, and the solver also reports the value of each term in <see cref="Observed"/>.
/// </summary>
public sealed record Query(ImmutableArray<Term> Assertions, ImmutableArray<Term> Observed, string Name = "query")
{
    public Query(params Term[] assertions) : this([.. assertions], []) { }

    public Query Observing(params Term[] terms) => this with { Observed = Observed.AddRange(terms) };

    /// <summary>
    /// The last assertion is a disjunction of alternatives that are each easier alone than together (the checker's
    /// batches of questions): a solver that can, decides the alternatives one after the other within the one limit,
    /// stopping at the first satisfiable one. Only a hint about how to search; the question asked is the same.
    /// </summary>
    public bool SplitLastDisjunction { get; init; }

    public IReadOnlyList<Term> FreeVariables => TermTraversal.FreeVariables(Assertions.Concat(Observed));
}
