namespace Virtualizability.Smt.Terms;

/// <summary>
/// Concrete bit-vector semantics on values held in the low bits of a <see cref="ulong"/>, exactly as SMT-LIB
/// defines them (division by zero included). Used to fold constants and to evaluate terms under a model.
/// </summary>
public static class BitVectorMath
{
    public static ulong Mask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    public static ulong Truncate(ulong value, int width) => value & Mask(width);

    /// <summary>The two's-complement value of the low <paramref name="width"/> bits.</summary>
    public static long ToSigned(ulong value, int width)
    {
        if (width >= 64) return (long)value;
        var sign = 1UL << (width - 1);
        return (long)((value ^ sign) - sign);
    }

    public static bool SignBit(ulong value, int width) => ((value >> (width - 1)) & 1) != 0;

    public static ulong Negate(ulong a, int width) => Truncate(0UL - a, width);

    public static ulong UDiv(ulong a, ulong b, int width) => b == 0 ? Mask(width) : a / b;

    public static ulong URem(ulong a, ulong b) => b == 0 ? a : a % b;

    // bvsdiv and bvsrem are defined by SMT-LIB through the unsigned operations on magnitudes; following that
    // definition avoids the MIN / -1 overflow of C#'s signed division.
    public static ulong SDiv(ulong a, ulong b, int width)
    {
        bool negA = SignBit(a, width), negB = SignBit(b, width);
        var magA = negA ? Negate(a, width) : a;
        var magB = negB ? Negate(b, width) : b;
        var q = UDiv(magA, magB, width);
        return negA == negB ? q : Negate(q, width);
    }

    public static ulong SRem(ulong a, ulong b, int width)
    {
        bool negA = SignBit(a, width), negB = SignBit(b, width);
        var magA = negA ? Negate(a, width) : a;
        var magB = negB ? Negate(b, width) : b;
        var r = URem(magA, magB);
        return negA ? Negate(r, width) : r;
    }

    public static ulong Shl(ulong a, ulong amount, int width) => amount >= (ulong)width ? 0 : Truncate(a << (int)amount, width);

    public static ulong LShr(ulong a, ulong amount, int width) => amount >= (ulong)width ? 0 : a >> (int)amount;

    public static ulong AShr(ulong a, ulong amount, int width)
    {
        var shift = amount >= (ulong)width ? width - 1 : (int)amount;
        return Truncate((ulong)(ToSigned(a, width) >> shift), width);
    }

    public static ulong Extract(ulong a, int high, int low) => Truncate(a >> low, high - low + 1);

    public static ulong SignExtend(ulong a, int fromWidth, int toWidth) => Truncate((ulong)ToSigned(a, fromWidth), toWidth);
}
