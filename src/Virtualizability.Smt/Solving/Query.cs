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

    public IReadOnlyList<Term> FreeVariables => TermTraversal.FreeVariables(Assertions.Concat(Observed));
}
