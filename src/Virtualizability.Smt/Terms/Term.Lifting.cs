using System.Collections.Concurrent;

namespace Virtualizability.Smt.Terms;

public sealed partial class Term
{
    // Results of Lift, so that walking two DAGs in step visits each pair of subterms once.
    private static readonly ConcurrentDictionary<(Term, Term, Term), Term> Lifted = new();

    /// <summary>
    /// ite(c, f(u₁), f(u₂)) = f(ite(c, u₁, u₂)) when the two arms are one function f of different inputs: they have
    /// the same shape (operators, parameters, operand sorts) and every place where they differ holds the same pair of
    /// subterms u₁, u₂. A register-file read through a symbolic index of entries that a VM map rewrote,
    /// ite(i = 0, g(r₀), ite(i = 1, g(r₁), …)), becomes g(ite(i = 0, r₀, …)): the original read under g, which the
    /// solver compares with the unmapped run's read directly instead of relating every entry's copy of g to it.
    /// Arms that differ in two places (a + d against b + e) are left alone: lifting them would put the condition on
    /// both operands and hide sums that other simplifications match. The comparison is bounded in size; array
    /// terms and selects are never lifted (selects are pushed into ites, the other way round).
    /// </summary>
    private static Term? Lift(Term condition, Term then, Term @else)
    {
        if (!SameOperator(then, @else)) return null;
        var key = (condition, then, @else);
        if (Lifted.TryGetValue(key, out var known)) return known;
        (Term, Term)? difference = null;
        var visited = new HashSet<(Term, Term)>();
        if (!OneDifference(then, @else, ref difference, visited) || difference is not (var u1, var u2)) return null;
        var result = Rebuild(then, @else, u1, u2, Ite(condition, u1, u2), new Dictionary<(Term, Term), Term>());
        Lifted.TryAdd(key, result);
        return result;
    }

    private const int MaxLiftComparisons = 512;

    // Walks a and b in step; false when they differ in more than one pair of subterms (or the walk is too long).
    private static bool OneDifference(Term a, Term b, ref (Term, Term)? difference, HashSet<(Term, Term)> visited)
    {
        if (ReferenceEquals(a, b) || !visited.Add((a, b))) return true;
        if (visited.Count > MaxLiftComparisons) return false;
        if (!SameOperator(a, b))
        {
            if (difference is null) { difference = (a, b); return true; }
            return ReferenceEquals(difference.Value.Item1, a) && ReferenceEquals(difference.Value.Item2, b);
        }
        for (var i = 0; i < a.Args.Length; i++)
            if (!OneDifference(a.Args[i], b.Args[i], ref difference, visited)) return false;
        return true;
    }

    // a with the places where it differs from b (always u₁ against u₂) replaced by the merged term.
    private static Term Rebuild(Term a, Term b, Term u1, Term u2, Term merged, Dictionary<(Term, Term), Term> done)
    {
        if (ReferenceEquals(a, b)) return a;
        if (ReferenceEquals(a, u1) && ReferenceEquals(b, u2)) return merged;
        if (done.TryGetValue((a, b), out var known)) return known;
        var args = new Term[a.Args.Length];
        for (var i = 0; i < args.Length; i++) args[i] = Rebuild(a.Args[i], b.Args[i], u1, u2, merged, done);
        return done[(a, b)] = Apply(a, args);
    }

    private static bool SameOperator(Term a, Term b)
    {
        if (a.Kind != b.Kind || a.Args.Length == 0 || a.Args.Length != b.Args.Length || a.Sort != b.Sort
            || a.High != b.High || a.Low != b.Low || a.Sort.IsArray)
            return false;
        // And/Or have any number of operands in any order: lifting them pairs unrelated conjuncts. Array operators are not lifted.
        if (a.Kind is TermKind.And or TermKind.Or or TermKind.Select or TermKind.Store or TermKind.ConstArray or TermKind.ArrayShift) return false;
        for (var i = 0; i < a.Args.Length; i++)
            if (a.Args[i].Sort != b.Args[i].Sort || a.Args[i].Sort.IsArray) return false;
        return true;
    }

    /// <summary>The operator of <paramref name="shape"/> applied to <paramref name="args"/>, through the factories (so simplified).</summary>
    private static Term Apply(Term shape, Term[] args) => shape.Kind switch
    {
        TermKind.Not => Not(args[0]),
        TermKind.Ite => Ite(args[0], args[1], args[2]),
        TermKind.Eq => Eq(args[0], args[1]),
        TermKind.BvNot => BvNot(args[0]),
        TermKind.BvNeg => Neg(args[0]),
        TermKind.BvAdd => Add(args[0], args[1]),
        TermKind.BvSub => Sub(args[0], args[1]),
        TermKind.BvMul => Mul(args[0], args[1]),
        TermKind.BvAnd => BvAnd(args[0], args[1]),
        TermKind.BvOr => BvOr(args[0], args[1]),
        TermKind.BvXor => BvXor(args[0], args[1]),
        TermKind.BvUDiv => UDiv(args[0], args[1]),
        TermKind.BvURem => URem(args[0], args[1]),
        TermKind.BvSDiv => SDiv(args[0], args[1]),
        TermKind.BvSRem => SRem(args[0], args[1]),
        TermKind.BvShl => Shl(args[0], args[1]),
        TermKind.BvLShr => LShr(args[0], args[1]),
        TermKind.BvAShr => AShr(args[0], args[1]),
        TermKind.BvULt => ULt(args[0], args[1]),
        TermKind.BvULe => ULe(args[0], args[1]),
        TermKind.BvSLt => SLt(args[0], args[1]),
        TermKind.BvSLe => SLe(args[0], args[1]),
        TermKind.Extract => Extract(args[0], shape.High, shape.Low),
        TermKind.Concat => Concat(args[0], args[1]),
        TermKind.ZeroExtend => ZeroExtend(args[0], shape.Width),
        TermKind.SignExtend => SignExtend(args[0], shape.Width),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), $"no operator to lift for {shape.Kind}"),
    };
}
