using M = Virtualizability.Smt.Terms.BitVectorMath;

namespace Virtualizability.Smt.Terms;

public sealed partial class Term
{
    public int Width => Sort.Width;

    public static Term BvNot(Term a)
    {
        RequireBv(a);
        if (a.IsConst) return Bv(~a.Value & a.Sort.Mask, a.Width);
        if (a.Kind == TermKind.BvNot) return a.Args[0];
        return Intern(TermKind.BvNot, a.Sort, a);
    }

    public static Term Neg(Term a)
    {
        RequireBv(a);
        if (a.IsConst) return Bv(M.Negate(a.Value, a.Width), a.Width);
        if (a.Kind == TermKind.BvNeg) return a.Args[0];
        return Intern(TermKind.BvNeg, a.Sort, a);
    }

    public static Term Add(Term a, Term b)
    {
        SameWidth(a, b);
        if (a.IsConst && b.IsConst) return Bv(M.Truncate(a.Value + b.Value, a.Width), a.Width);
        if (IsZero(a)) return b;
        if (IsZero(b)) return a;
        // (x + c1) + c2 = x + (c1 + c2): address arithmetic of multi-cell accesses stays flat.
        if (b.IsConst && a.Kind == TermKind.BvAdd && a.Args[1].IsConst) return Add(a.Args[0], Add(a.Args[1], b));
        if (a.IsConst) (a, b) = (b, a);
        return Intern(TermKind.BvAdd, a.Sort, a, b);
    }

    public static Term Sub(Term a, Term b)
    {
        SameWidth(a, b);
        return Cancel(a, b) ?? PlainSub(a, b);
    }

    private static Term PlainSub(Term a, Term b)
    {
        if (a.IsConst && b.IsConst) return Bv(M.Truncate(a.Value - b.Value, a.Width), a.Width);
        if (IsZero(b)) return a;
        if (ReferenceEquals(a, b)) return Bv(0, a.Width);
        return Intern(TermKind.BvSub, a.Sort, a, b);
    }

    public static Term Mul(Term a, Term b)
    {
        SameWidth(a, b);
        if (a.IsConst && b.IsConst) return Bv(M.Truncate(a.Value * b.Value, a.Width), a.Width);
        if (IsZero(a) || IsZero(b)) return Bv(0, a.Width);
        if (IsOne(a)) return b;
        if (IsOne(b)) return a;
        return Intern(TermKind.BvMul, a.Sort, a, b);
    }

    public static Term BvAnd(Term a, Term b)
    {
        SameWidth(a, b);
        if (a.IsConst && b.IsConst) return Bv(a.Value & b.Value, a.Width);
        if (IsZero(a) || IsZero(b)) return Bv(0, a.Width);
        if (IsOnes(a)) return b;
        if (IsOnes(b)) return a;
        if (ReferenceEquals(a, b)) return a;
        return Intern(TermKind.BvAnd, a.Sort, a, b);
    }

    public static Term BvOr(Term a, Term b)
    {
        SameWidth(a, b);
        if (a.IsConst && b.IsConst) return Bv(a.Value | b.Value, a.Width);
        if (IsZero(a)) return b;
        if (IsZero(b)) return a;
        if (IsOnes(a) || IsOnes(b)) return Bv(a.Sort.Mask, a.Width);
        if (ReferenceEquals(a, b)) return a;
        return Intern(TermKind.BvOr, a.Sort, a, b);
    }

    public static Term BvXor(Term a, Term b)
    {
        SameWidth(a, b);
        if (a.IsConst && b.IsConst) return Bv(a.Value ^ b.Value, a.Width);
        if (IsZero(a)) return b;
        if (IsZero(b)) return a;
        if (ReferenceEquals(a, b)) return Bv(0, a.Width);
        return Intern(TermKind.BvXor, a.Sort, a, b);
    }

    public static Term UDiv(Term a, Term b) => Division(TermKind.BvUDiv, a, b, (x, y, w) => M.UDiv(x, y, w));
    public static Term URem(Term a, Term b) => Division(TermKind.BvURem, a, b, (x, y, _) => M.URem(x, y));
    public static Term SDiv(Term a, Term b) => Division(TermKind.BvSDiv, a, b, M.SDiv);
    public static Term SRem(Term a, Term b) => Division(TermKind.BvSRem, a, b, M.SRem);

    private static Term Division(TermKind kind, Term a, Term b, Func<ulong, ulong, int, ulong> fold)
    {
        SameWidth(a, b);
        if (a.IsConst && b.IsConst) return Bv(fold(a.Value, b.Value, a.Width), a.Width);
        if (IsOne(b) && kind is TermKind.BvUDiv or TermKind.BvSDiv) return a;
        return Intern(kind, a.Sort, a, b);
    }

    /// <summary>SMT-LIB shifts: both operands of one width; amounts of the width or more give 0 (sign bits for AShr).</summary>
    public static Term Shl(Term a, Term amount) => Shift(TermKind.BvShl, a, amount, M.Shl);
    public static Term LShr(Term a, Term amount) => Shift(TermKind.BvLShr, a, amount, M.LShr);
    public static Term AShr(Term a, Term amount) => Shift(TermKind.BvAShr, a, amount, M.AShr);

    private static Term Shift(TermKind kind, Term a, Term amount, Func<ulong, ulong, int, ulong> fold)
    {
        SameWidth(a, amount);
        if (a.IsConst && amount.IsConst) return Bv(fold(a.Value, amount.Value, a.Width), a.Width);
        if (IsZero(amount)) return a;
        if (IsZero(a)) return a;
        return Intern(kind, a.Sort, a, amount);
    }

    public static Term ULt(Term a, Term b) => Compare(TermKind.BvULt, a, b, (x, y, _) => x < y, irreflexive: true);
    public static Term ULe(Term a, Term b) => Compare(TermKind.BvULe, a, b, (x, y, _) => x <= y, irreflexive: false);
    public static Term SLt(Term a, Term b) => Compare(TermKind.BvSLt, a, b, (x, y, w) => M.ToSigned(x, w) < M.ToSigned(y, w), irreflexive: true);
    public static Term SLe(Term a, Term b) => Compare(TermKind.BvSLe, a, b, (x, y, w) => M.ToSigned(x, w) <= M.ToSigned(y, w), irreflexive: false);
    public static Term UGt(Term a, Term b) => ULt(b, a);
    public static Term UGe(Term a, Term b) => ULe(b, a);
    public static Term SGt(Term a, Term b) => SLt(b, a);
    public static Term SGe(Term a, Term b) => SLe(b, a);

    private static Term Compare(TermKind kind, Term a, Term b, Func<ulong, ulong, int, bool> fold, bool irreflexive)
    {
        SameWidth(a, b);
        if (a.IsConst && b.IsConst) return Bool(fold(a.Value, b.Value, a.Width));
        if (ReferenceEquals(a, b)) return Bool(!irreflexive);
        return Intern(kind, Sort.Bool, a, b);
    }

    /// <summary>Bits high..low of a.</summary>
    public static Term Extract(Term a, int high, int low)
    {
        RequireBv(a);
        if (low < 0 || high < low || high >= a.Width) throw new ArgumentOutOfRangeException(nameof(high), $"extract [{high}:{low}] of {a.Sort}");
        if (low == 0 && high == a.Width - 1) return a;
        if (a.IsConst) return Bv(M.Extract(a.Value, high, low), high - low + 1);
        switch (a.Kind)
        {
            case TermKind.Extract:
                return Extract(a.Args[0], high + a.Low, low + a.Low);
            case TermKind.Concat:
            {
                var lowPart = a.Args[1];
                if (high < lowPart.Width) return Extract(lowPart, high, low);
                if (low >= lowPart.Width) return Extract(a.Args[0], high - lowPart.Width, low - lowPart.Width);
                break;
            }
            case TermKind.ZeroExtend:
            {
                var inner = a.Args[0];
                if (high < inner.Width) return Extract(inner, high, low);
                if (low >= inner.Width) return Bv(0, high - low + 1);
                break;
            }
            case TermKind.SignExtend when high < a.Args[0].Width:
                return Extract(a.Args[0], high, low);
        }
        return Intern(TermKind.Extract, Sort.BitVec(high - low + 1), [a], high: high, low: low);
    }

    /// <summary>high ++ low, high being the most significant part.</summary>
    public static Term Concat(Term high, Term low)
    {
        RequireBv(high);
        RequireBv(low);
        var width = high.Width + low.Width;
        if (high.IsConst && low.IsConst) return Bv((high.Value << low.Width) | low.Value, width);
        if (IsZero(high)) return ZeroExtend(low, width);
        // Rejoining adjacent slices of one term (a multi-cell read of a multi-cell write) gives the term back.
        if (high.Kind == TermKind.Extract && low.Kind == TermKind.Extract
            && ReferenceEquals(high.Args[0], low.Args[0]) && high.Low == low.High + 1)
            return Extract(high.Args[0], high.High, low.Low);
        return Intern(TermKind.Concat, Sort.BitVec(width), high, low);
    }

    public static Term ZeroExtend(Term a, int toWidth) => Extend(TermKind.ZeroExtend, a, toWidth);
    public static Term SignExtend(Term a, int toWidth) => Extend(TermKind.SignExtend, a, toWidth);

    private static Term Extend(TermKind kind, Term a, int toWidth)
    {
        RequireBv(a);
        if (toWidth < a.Width) throw new ArgumentOutOfRangeException(nameof(toWidth), $"cannot extend {a.Sort} to {toWidth} bits");
        if (toWidth == a.Width) return a;
        if (a.IsConst)
            return Bv(kind == TermKind.ZeroExtend ? a.Value : M.SignExtend(a.Value, a.Width, toWidth), toWidth);
        if (a.Kind == kind) return Extend(kind, a.Args[0], toWidth);
        return Intern(kind, Sort.BitVec(toWidth), [a], high: toWidth - a.Width);
    }

    private static bool IsZero(Term t) => t.Kind == TermKind.BvConst && t.Value == 0;
    private static bool IsOne(Term t) => t.Kind == TermKind.BvConst && t.Value == 1;
    private static bool IsOnes(Term t) => t.Kind == TermKind.BvConst && t.Value == t.Sort.Mask;

    private static void RequireBv(Term t)
    {
        if (!t.Sort.IsBitVec) throw new ArgumentException($"expected a bit-vector term, got {t.Sort}");
    }

    private static void SameWidth(Term a, Term b)
    {
        RequireBv(a);
        RequireBv(b);
        if (a.Width != b.Width) throw new ArgumentException($"operand widths differ: {a.Width} vs {b.Width}");
    }
}
