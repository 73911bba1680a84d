using Virtualizability.Proofs.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Obligations;

/// <summary>
/// When an equivalence obligation is split on the VMM step's outcomes (docs/vmm-proofs.md, "Split on outcomes").
/// </summary>
/// <param name="MinFormulaNodes">Split only obligations whose formula (before simplification) has at least this many
/// distinct terms: small formulas are solved at once, and splitting them only multiplies files.</param>
public sealed record OutcomeSplitRule(int MinFormulaNodes = 0)
{
    public static OutcomeSplitRule Default { get; } = new();
}

/// <summary>
/// Splits an obligation on the guards of the VMM step's routes (<see cref="VmmStep.Routes"/>: each real trap, the real
/// halt, the direct completion) — the top-level conditions on which the VMM's result is merged. Parts, with g₁..gₙ the
/// route guards that are not constant false:
/// <list type="bullet">
/// <item>for each k, exactly gₖ: gₖ ∧ ⋀_{j≠k} ¬gⱼ; for a trap whose reflect condition r is not constant, two parts
/// (with r, with ¬r);</item>
/// <item>none: ⋀ⱼ ¬gⱼ;</item>
/// <item>at least two: ⋁_{j&lt;l} gⱼ ∧ gₗ (asserted without the obligation: the executor's guards are exclusive, so it
/// is expected unsat at once; unsat without the obligation is the stronger statement).</item>
/// </list>
/// Every assignment of the guards makes none, exactly one or at least two of them true, so the parts' conditions cover
/// every state whatever the guards are: coverage is a propositional tautology, not a property of the spec. Each part
/// assumes the guards' (and r's) values its condition fixes, so the rewriter folds the VMM's merges to one route.
/// </summary>
public static class OutcomeSplit
{
    public static IReadOnlyList<ObligationPart> Parts(IReadOnlyList<VmmRoute> routes)
    {
        var live = routes.Where(r => !r.Guard.IsFalse).ToList();
        var guards = live.Select(r => r.Guard).ToList();
        var cases = new List<(string Label, string Description, Term Condition, Dictionary<Term, Term> Assumed, bool ConditionOnly)>();
        for (var k = 0; k < live.Count; k++)
        {
            var route = live[k];
            var exactly = Term.And(guards.Select((g, j) => j == k ? g : Term.Not(g)));
            var assumed = Assume(guards, k);
            var others = live.Count > 1 ? " and no other outcome" : "";
            if (route.Reflect is { IsConst: false } reflect)
            {
                cases.Add((route.Label + "-reflected", $"{route.Description}{others}, and the dispatcher reflects it", Term.And(exactly, reflect),
                    With(assumed, reflect, Term.True), false));
                cases.Add((route.Label + "-interpreted", $"{route.Description}{others}, and the dispatcher interprets the instruction", Term.And(exactly, Term.Not(reflect)),
                    With(assumed, reflect, Term.False), false));
            }
            else cases.Add((route.Label, route.Description + others, exactly, assumed, false));
        }
        cases.Add(("none", "no outcome of the real step holds (" + string.Join(", ", live.Select(r => r.Label)) + ")",
            Term.And(guards.Select(Term.Not)), Assume(guards, -1), false));
        if (guards.Count > 1)
            cases.Add(("overlap", "at least two outcomes of the real step hold at once",
                Term.Or(guards.SelectMany((a, i) => guards.Skip(i + 1).Select(b => Term.And(a, b)))), [], true));
        return [.. cases.Select((c, i) => new ObligationPart("outcome-" + c.Label, c.Description, i, cases.Count, null, c.Condition, Term.True, c.Assumed)
        {
            Kind = SplitKind.Outcomes,
            ConditionOnly = c.ConditionOnly,
        })];
    }

    // Guard k true (none when k < 0), every other false. A guard listed twice (two routes with one guard) is not assumed.
    private static Dictionary<Term, Term> Assume(List<Term> guards, int k)
    {
        var assumed = new Dictionary<Term, Term>();
        for (var j = 0; j < guards.Count; j++)
        {
            if (guards[j].IsConst) continue;
            var value = Term.Bool(j == k);
            if (assumed.TryGetValue(guards[j], out var known) && !ReferenceEquals(known, value)) assumed.Remove(guards[j]);
            else assumed[guards[j]] = value;
        }
        return assumed;
    }

    private static Dictionary<Term, Term> With(Dictionary<Term, Term> assumed, Term atom, Term value)
    {
        var result = new Dictionary<Term, Term>(assumed);
        if (!result.TryAdd(atom, value) && !ReferenceEquals(result[atom], value)) result.Remove(atom);
        return result;
    }
}
