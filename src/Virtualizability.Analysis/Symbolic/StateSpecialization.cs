using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis.Symbolic;

/// <summary>
/// Start states with the bits a mode predicate fixes replaced by constants, so that the symbolic executions built
/// from them fold every test of those bits (mode checks, relocation, privilege) instead of carrying both arms of
/// each as an ite. Exact: a state that satisfies the predicate has those bits, so ∃s. P(s) ∧ φ(s) is
/// ∃s. P(s) ∧ φ(spec(s)), and in a model spec(s) evaluates to s.
/// </summary>
internal static class StateSpecialization
{
    /// <summary>The most cases a predicate and its negation may split into; beyond it the predicate is not split.</summary>
    public const int MaxCases = 4;

    /// <summary>
    /// <paramref name="t"/> (or its negation, when <paramref name="positive"/> is false) in disjunctive normal form:
    /// the cubes, each a conjunction of literals, or null when there would be more than <see cref="MaxCases"/>.
    /// </summary>
    public static List<Term>? Cubes(Term t, bool positive)
    {
        switch (t.Kind)
        {
            case TermKind.Not:
                return Cubes(t.Args[0], !positive);
            case TermKind.Or when positive:
            case TermKind.And when !positive:
            {
                var all = new List<Term>();
                foreach (var a in t.Args)
                {
                    if (Cubes(a, positive) is not { } c) return null;
                    all.AddRange(c);
                }
                return all.Count <= MaxCases ? all : null;
            }
            case TermKind.And when positive:
            case TermKind.Or when !positive:
            {
                List<Term> product = [Term.True];
                foreach (var a in t.Args)
                {
                    if (Cubes(a, positive) is not { } c) return null;
                    product = [.. product.SelectMany(p => c.Select(q => Term.And(p, q)))];
                    if (product.Count > MaxCases) return null;
                }
                return product;
            }
            default:
                return [positive ? t : Term.Not(t)];
        }
    }

    /// <summary>s with every bit that <paramref name="predicate"/> fixes when it holds set to its value.</summary>
    public static SymbolicState Specialize(SymbolicState s, Term predicate)
    {
        var slotOf = new Dictionary<Term, int>();
        for (var i = 0; i < s.Slots.Length; i++)
            if (s.Slots[i].Kind == TermKind.Var) slotOf[s.Slots[i]] = i;
        var mask = new ulong[s.Slots.Length];
        var value = new ulong[s.Slots.Length];
        FixedBits(predicate, true, slotOf, mask, value);
        var slots = s.Slots.ToArray();
        for (var i = 0; i < slots.Length; i++)
            if (mask[i] != 0) slots[i] = WithBits(slots[i], mask[i], value[i]);
        return s with { Slots = [.. slots] };
    }

    // Bits a predicate fixes when it holds (positive) or fails: conjunctions (and negated disjunctions) of
    // register = constant, field = constant, and 1-bit field ≠ constant. Anything else fixes nothing.
    private static void FixedBits(Term t, bool positive, Dictionary<Term, int> slotOf, ulong[] mask, ulong[] value)
    {
        switch (t.Kind)
        {
            case TermKind.Not:
                FixedBits(t.Args[0], !positive, slotOf, mask, value);
                return;
            case TermKind.And when positive:
            case TermKind.Or when !positive:
                foreach (var a in t.Args) FixedBits(a, positive, slotOf, mask, value);
                return;
            case TermKind.Eq when t.Args[0].Sort.IsBitVec:
            {
                var (x, c) = t.Args[1].IsConst ? (t.Args[0], t.Args[1]) : (t.Args[1], t.Args[0]);
                if (!c.IsConst || !positive && x.Width != 1) return;
                var bits = positive ? c.Value : c.Value ^ 1;
                var (var, low) = x.Kind == TermKind.Extract ? (x.Args[0], x.Low) : (x, 0);
                if (!slotOf.TryGetValue(var, out var slot)) return;
                var m = (x.Width >= 64 ? ulong.MaxValue : (1UL << x.Width) - 1) << low;
                if ((mask[slot] & m) != 0 && (value[slot] & m) != ((bits << low) & m)) return;   // contradictory: leave it to the solver
                mask[slot] |= m;
                value[slot] = (value[slot] & ~m) | ((bits << low) & m);
                return;
            }
        }
    }

    // The variable with the masked bits replaced by constants, as a concatenation (so extracts of it fold).
    private static Term WithBits(Term var, ulong mask, ulong value)
    {
        Term? result = null;
        var high = var.Width - 1;
        while (high >= 0)
        {
            var fixedBit = (mask >> high & 1) != 0;
            var low = high;
            while (low > 0 && ((mask >> (low - 1) & 1) != 0) == fixedBit) low--;
            var width = high - low + 1;
            var part = fixedBit
                ? Term.Bv(value >> low & (width >= 64 ? ulong.MaxValue : (1UL << width) - 1), width)
                : Term.Extract(var, high, low);
            result = result is null ? part : Term.Concat(result, part);
            high = low - 1;
        }
        return result ?? var;
    }
}
