using System.Numerics;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Execution.Tests;

/// <summary>
/// An independent statement of the bit-vector semantics (SMT-LIB's), written with BigInteger arithmetic
/// rather than the engine's shift tricks, to check the compiled code against.
/// </summary>
internal static class ReferenceBitVectors
{
    public static BigInteger Modulus(int width) => BigInteger.One << width;

    public static ulong Wrap(BigInteger value, int width)
    {
        var m = Modulus(width);
        var r = value % m;
        if (r < 0) r += m;
        return (ulong)r;
    }

    public static BigInteger Signed(ulong value, int width) =>
        value >= (ulong)(BigInteger.One << (width - 1)) ? value - Modulus(width) : value;

    public static ulong AllOnes(int width) => Wrap(-1, width);

    /// <summary>Bit-vector result (booleans as 0/1).</summary>
    public static ulong Apply(BinaryOp op, ulong a, ulong b, int width)
    {
        BigInteger x = a, y = b, sx = Signed(a, width), sy = Signed(b, width);
        return op switch
        {
            BinaryOp.Add => Wrap(x + y, width),
            BinaryOp.Sub => Wrap(x - y, width),
            BinaryOp.Mul => Wrap(x * y, width),
            BinaryOp.And => a & b,
            BinaryOp.Or => a | b,
            BinaryOp.Xor => a ^ b,
            BinaryOp.UDiv => y.IsZero ? AllOnes(width) : Wrap(x / y, width),
            BinaryOp.URem => y.IsZero ? a : Wrap(x % y, width),
            // bvsdiv: divide magnitudes with bvudiv (so a zero divisor gives all ones), then fix the sign.
            BinaryOp.SDiv => SignedDivide(sx, sy, width),
            // bvsrem: the remainder of the magnitudes, with the dividend's sign; a zero divisor gives the dividend.
            BinaryOp.SRem => y.IsZero ? a : Wrap(BigInteger.Remainder(sx, sy), width),
            BinaryOp.Shl => y >= width ? 0 : Wrap(x << (int)y, width),
            BinaryOp.Shr => y >= width ? 0 : Wrap(x >> (int)y, width),
            BinaryOp.Sar => y >= width ? (sx < 0 ? AllOnes(width) : 0) : Wrap(sx >> (int)y, width),
            BinaryOp.Eq => Bool(x == y),
            BinaryOp.Ne => Bool(x != y),
            BinaryOp.ULt => Bool(x < y),
            BinaryOp.ULe => Bool(x <= y),
            BinaryOp.UGt => Bool(x > y),
            BinaryOp.UGe => Bool(x >= y),
            BinaryOp.SLt => Bool(sx < sy),
            BinaryOp.SLe => Bool(sx <= sy),
            BinaryOp.SGt => Bool(sx > sy),
            BinaryOp.SGe => Bool(sx >= sy),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }

    private static ulong SignedDivide(BigInteger sx, BigInteger sy, int width)
    {
        var magnitude = sy.IsZero ? (BigInteger)AllOnes(width) : BigInteger.Abs(sx) / BigInteger.Abs(sy);
        var negative = (sx < 0) != (sy < 0);
        return Wrap(negative ? -magnitude : magnitude, width);
    }

    private static ulong Bool(bool value) => value ? 1UL : 0UL;
}
