using Microsoft.Z3;
using Virtualizability.Smt.Terms;
using Sort = Virtualizability.Smt.Terms.Sort;

namespace Virtualizability.Smt.Solving.Z3;

/// <summary>
/// Translates terms into one <see cref="NativeContext"/> (the managed Context does not work with Debian's Z3
/// 4.8.12). Translations are memoised per term, so shared subterms stay shared in Z3.
/// <para>
/// NativeContext has no concat and no bvsle; with the raw context <paramref name="handle"/> they are built by the
/// native calls, as Z3's own parser builds them. The stand-ins used without it ((zext(high) &lt;&lt; n) | zext(low),
/// ¬(b &lt;s a)) are equivalent but hide the structure from Z3's simplifier: extracts of a concatenation no longer
/// fold, and mips32's SWR location query took 5 s in process against under 1 s for the same SMT-LIB text in the z3
/// executable.
/// </para>
/// </summary>
internal sealed class Z3TermTranslator(NativeContext ctx, IntPtr handle)
{
    private readonly Dictionary<Term, IntPtr> done = new();
    private readonly Dictionary<Sort, IntPtr> sorts = new();

    public IntPtr Translate(Term root)
    {
        // Children first, iteratively: symbolic states are deep ite chains.
        foreach (var t in TermTraversal.PostOrder([root]))
            if (!done.ContainsKey(t)) done[t] = Build(t);
        return done[root];
    }

    public IntPtr SortOf(Sort sort)
    {
        if (sorts.TryGetValue(sort, out var s)) return s;
        s = sort.Kind switch
        {
            SortKind.Bool => ctx.BoolSort,
            SortKind.BitVec => ctx.MkBvSort((uint)sort.Width),
            _ => ctx.MkArraySort(SortOf(sort.IndexSort), SortOf(sort.ElementSort)),
        };
        sorts[sort] = s;
        return s;
    }

    private IntPtr Build(Term t)
    {
        IntPtr A(int i) => done[t.Args[i]];
        switch (t.Kind)
        {
            case TermKind.BoolConst: return ctx.MkBool(t.IsTrue);
            case TermKind.BvConst: return Numeral(t.Value, t.Width);
            case TermKind.Var: return ctx.MkConst(t.Name!, SortOf(t.Sort));
            case TermKind.Not: return ctx.MkNot(A(0));
            case TermKind.And: return ctx.MkAnd(t.Args.Select(a => done[a]).ToArray());
            case TermKind.Or: return ctx.MkOr(t.Args.Select(a => done[a]).ToArray());
            case TermKind.Ite: return ctx.MkIte(A(0), A(1), A(2));
            case TermKind.Eq: return ctx.MkEq(A(0), A(1));
            case TermKind.BvNot: return ctx.MkBvNot(A(0));
            case TermKind.BvNeg: return ctx.MkBvNeg(A(0));
            case TermKind.BvAdd: return ctx.MkBvAdd(A(0), A(1));
            case TermKind.BvSub: return ctx.MkBvSub(A(0), A(1));
            case TermKind.BvMul: return ctx.MkBvMul(A(0), A(1));
            case TermKind.BvAnd: return ctx.MkBvAnd(A(0), A(1));
            case TermKind.BvOr: return ctx.MkBvOr(A(0), A(1));
            case TermKind.BvXor: return ctx.MkBvXor(A(0), A(1));
            case TermKind.BvUDiv: return ctx.MkBvUdiv(A(0), A(1));
            case TermKind.BvURem: return ctx.MkBvUrem(A(0), A(1));
            case TermKind.BvSDiv: return ctx.MkBvSdiv(A(0), A(1));
            case TermKind.BvSRem: return ctx.MkBvSrem(A(0), A(1));
            case TermKind.BvShl: return ctx.MkBvShl(A(0), A(1));
            case TermKind.BvLShr: return ctx.MkBvLshr(A(0), A(1));
            case TermKind.BvAShr: return ctx.MkBvAshr(A(0), A(1));
            case TermKind.BvULt: return ctx.MkBvUlt(A(0), A(1));
            case TermKind.BvULe: return ctx.MkBvUle(A(0), A(1));
            case TermKind.BvSLt: return ctx.MkBvSlt(A(0), A(1));
                        case TermKind.BvSLe:
                return handle != IntPtr.Zero ? Native.Z3_mk_bvsle(handle, A(0), A(1)) : ctx.MkNot(ctx.MkBvSlt(A(1), A(0)));
            case TermKind.Extract: return ctx.MkBvExtract((uint)t.High, (uint)t.Low, A(0));
            case TermKind.ZeroExtend: return ctx.MkBvZeroExt((uint)t.High, A(0));
            case TermKind.SignExtend: return ctx.MkBvSignExt((uint)t.High, A(0));
            case TermKind.Concat:
            {
                if (handle != IntPtr.Zero) return Native.Z3_mk_concat(handle, A(0), A(1));
                // Without the handle: high ++ low = (zext(high) << |low|) | zext(low).
                var lowWidth = t.Args[1].Width;
                var high = ctx.MkBvZeroExt((uint)lowWidth, A(0));
                var low = ctx.MkBvZeroExt((uint)t.Args[0].Width, A(1));
                return ctx.MkBvOr(ctx.MkBvShl(high, Numeral((ulong)lowWidth, t.Width)), low);
            }
            case TermKind.Select: return ctx.MkSelect(A(0), A(1));
            case TermKind.Store: return ctx.MkStore(A(0), A(1), A(2));
            case TermKind.ConstArray: return ctx.MkConstArray(SortOf(t.Sort.IndexSort), A(0));
            case TermKind.ArrayShift:
                throw new NotSupportedException("a moved memory (ArrayShift) left in a query has no quantifier-free encoding");
            default:
                throw new NotSupportedException($"no Z3 translation for {t.Kind}");
        }
    }

    // MkNumeral takes a signed 64-bit value; values with the top bit set are built as the complement of a small one.
    private IntPtr Numeral(ulong value, int width)
    {
        var sort = SortOf(Sort.BitVec(width));
        if (value <= long.MaxValue) return ctx.MkNumeral((long)value, sort);
        return ctx.MkBvNot(ctx.MkNumeral((long)(~value & BitVectorMath.Mask(width)), sort));
    }
}
