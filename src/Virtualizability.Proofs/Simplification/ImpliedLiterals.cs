using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Simplification;

/// <summary>
/// Two-literal clauses (a ∨ b) that hold wherever the formula is evaluated — instances of proved lemmas, after a case's
/// rewriting — read as implications ¬a → b and ¬b → a, so that the rewriter can simplify an ite's arms under its
/// condition (<see cref="TermRewriter"/>). Longer clauses are ignored.
/// </summary>
public sealed class ImpliedLiterals
{
    private readonly Dictionary<(Term Atom, bool Value), List<(Term Atom, bool Value)>> _edges = new();

    public ImpliedLiterals(IEnumerable<Term> facts)
    {
        foreach (var fact in facts)
        {
            if (fact.Kind != TermKind.Or || fact.Args.Length != 2) continue;
            var (a, b) = (Literal(fact.Args[0]), Literal(fact.Args[1]));
            Add((a.Atom, !a.Value), b);
            Add((b.Atom, !b.Value), a);
        }
    }

    public bool IsEmpty => _edges.Count == 0;

    /// <summary>The condition has consequences beyond itself.</summary>
    public bool Constrains(Term condition)
    {
        var (atom, _) = Literal(condition);
        return _edges.ContainsKey((atom, true)) || _edges.ContainsKey((atom, false));
    }

    /// <summary>
    /// The atoms' values implied by the conditions having the given values (themselves included), or null when the
    /// clauses make that impossible.
    /// </summary>
    public Dictionary<Term, Term>? Consequences(IEnumerable<(Term Condition, bool Value)> assumptions)
    {
        var values = new Dictionary<Term, bool>();
        var pending = new Stack<(Term Atom, bool Value)>(assumptions.Select(a => Literal(a.Condition) is var (atom, polarity) ? (atom, polarity == a.Value) : default));
        while (pending.TryPop(out var literal))
        {
            if (values.TryGetValue(literal.Atom, out var known))
            {
                if (known != literal.Value) return null;
                continue;
            }
            values[literal.Atom] = literal.Value;
            foreach (var next in _edges.GetValueOrDefault(literal) ?? []) pending.Push(next);
        }
        return values.ToDictionary(p => p.Key, p => Term.Bool(p.Value));
    }

    private void Add((Term, bool) from, (Term, bool) to)
    {
        if (!_edges.TryGetValue(from, out var list)) _edges[from] = list = [];
        list.Add(to);
    }

    private static (Term Atom, bool Value) Literal(Term t) => t.Kind == TermKind.Not ? (t.Args[0], false) : (t, true);
}
