namespace Virtualizability.Execution.Compilation;

/// <summary>
/// The bit-vector operations compiled code calls instead of inlining, because they are rare or branchy.
/// Operands are unsigned values already reduced to <c>width</c> bits; results are reduced too.
/// </summary>
public static class BitOps
{
    public static ulong Mask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    public static long ToSigned(ulong value, int width) => (long)(value << (64 - width)) >> (64 - width);

    public static ulong SignExtend(ulong value, int fromWidth, int toWidth) => (ulong)ToSigned(value, fromWidth) & Mask(toWidth);

    /// <summary>bvsdiv: truncating signed division; a zero divisor gives all ones for a non-negative dividend and 1 for a negative one.</summary>
    public static ulong SDiv(ulong a, ulong b, int width)
    {
        var x = ToSigned(a, width);
        var y = ToSigned(b, width);
        if (y == 0) return x < 0 ? 1 : Mask(width);
        // MIN / -1 overflows: the wrapped result is MIN again, and long division would throw at width 64.
        if (y == -1) return (ulong)(-x) & Mask(width);
        return (ulong)(x / y) & Mask(width);
    }

    /// <summary>bvsrem: the remainder takes the dividend's sign; a zero divisor gives the dividend.</summary>
    public static ulong SRem(ulong a, ulong b, int width)
    {
        var x = ToSigned(a, width);
        var y = ToSigned(b, width);
        if (y == 0) return a;
        if (y == -1) return 0;
        return (ulong)(x % y) & Mask(width);
    }

    /// <summary>Arithmetic right shift; amounts of the width or more give all sign bits.</summary>
    public static ulong Sar(ulong a, ulong amount, int width)
    {
        var shift = amount >= (ulong)width ? width - 1 : (int)amount;
        return (ulong)(ToSigned(a, width) >> shift) & Mask(width);
    }

    /// <summary>Reverses the bytes of a <paramref name="width"/>-bit value (little-endian encoding fields).</summary>
    public static ulong SwapBytes(ulong value, int width)
    {
        ulong swapped = 0;
        for (var i = 0; i < width / 8; i++) swapped |= ((value >> (8 * i)) & 0xFF) << (width - 8 - 8 * i);
        return swapped;
    }
}
