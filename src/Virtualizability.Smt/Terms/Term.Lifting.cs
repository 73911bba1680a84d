using System.Collections.Concurrent;

namespace Virtualizability.Smt.Terms;

public sealed partial class Term
{
    // Results of Lift, so that walking two DAGs in step visits each pair of subterms once.
    private static readonly ConcurrentDictionary<(Term, Term, Term), Term> Lifted = new();

    /// <summary>
    /// ite(c, f(a₁…aₙ), f(b₁…bₙ)) = f(ite(c, a₁, b₁), …, ite(c, aₙ, bₙ)) when both arms apply one operator f (same
    /// kind, parameters and operand sorts); applied recursively, so two arms that compute the same function of
    /// different inputs become that function of the merged inputs. A register-file read through a symbolic index of
    /// entries that a VM map rewrote, ite(i = 0, g(r₀), ite(i = 1, g(r₁), …)), becomes g(ite(i = 0, r₀, …)): the
    /// original read under g, which the solver then compares with the unmapped run's read directly instead of
    /// relating every entry's copy of g to it. Array terms and selects are left alone (selects are pushed into ites,
    /// the other way round).
    /// </summary>
    private static Term? Lift(Term condition, Term then, Term @else)
    {
        // Deep arms (long unrolled loops) are lifted only down to a bounded depth, which keeps the recursion off
        // the end of the stack; below it the ite stays where it is.
        if (liftDepth >= MaxLiftDepth || !SameOperator(then, @else)) return null;
        var key = (condition, then, @else);
        if (Lifted.TryGetValue(key, out var known)) return known;
        // Two large arms that agree in shape for long (the memories of an unrolled loop) could be walked in step at
        // great cost: each outermost lift may create only so many lifted nodes, and beyond that the ites stay.
        if (liftDepth == 0) liftBudget = MaxLiftedNodes;
        else if (--liftBudget < 0) return null;
        liftDepth++;
        try
        {
            var args = new Term[then.Args.Length];
            for (var i = 0; i < args.Length; i++) args[i] = Ite(condition, then.Args[i], @else.Args[i]);
            var result = Apply(then, args);
            Lifted.TryAdd(key, result);
            return result;
        }
        finally
        {
            liftDepth--;
        }
    }

    private const int MaxLiftDepth = 32;
    private const int MaxLiftedNodes = 256;

    [ThreadStatic] private static int liftDepth;
    [ThreadStatic] private static int liftBudget;

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
