using System.Numerics;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Smt.Tests;

/// <summary>
/// The IR's operators computed directly from their definitions with BigInteger, independently of the code under
/// test (which works on masked ulongs), as the oracle for property tests.
/// </summary>
internal static class ReferenceSemantics
{
    private static BigInteger Modulus(int w) => BigInteger.One << w;
    private static ulong Wrap(BigInteger v, int w) => (ulong)(((v % Modulus(w)) + Modulus(w)) % Modulus(w));
    private static BigInteger Signed(ulong v, int w) => v >= (ulong)(Modulus(w) >> 1) ? v - Modulus(w) : v;

    /// <summary>Result of a bits(w) x bits(w) -> bits(w) operator (shift amounts may have another width).</summary>
    public static ulong Arithmetic(BinaryOp op, ulong a, ulong b, int w)
    {
        BigInteger sa = Signed(a, w), sb = Signed(b, w);
        return op switch
        {
            BinaryOp.Add => Wrap((BigInteger)a + b, w),
            BinaryOp.Sub => Wrap((BigInteger)a - b, w),
            BinaryOp.Mul => Wrap((BigInteger)a * b, w),
            BinaryOp.And => a & b,
            BinaryOp.Or => a | b,
            BinaryOp.Xor => a ^ b,
            BinaryOp.UDiv => b == 0 ? Wrap(-1, w) : a / b,
            BinaryOp.URem => b == 0 ? a : a % b,
            // SMT-LIB: x / 0 is -1 for x >= 0 and 1 for x < 0; truncation toward zero otherwise.
            BinaryOp.SDiv => b == 0 ? Wrap(sa < 0 ? 1 : -1, w) : Wrap(BigInteger.Divide(sa, sb), w),
            BinaryOp.SRem => b == 0 ? a : Wrap(BigInteger.Remainder(sa, sb), w),
            BinaryOp.Shl => b >= (ulong)w ? 0 : Wrap((BigInteger)a << (int)b, w),
            BinaryOp.Shr => b >= (ulong)w ? 0 : a >> (int)b,
            BinaryOp.Sar => Wrap(sa >> (int)Math.Min(b, (ulong)w), w),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }

    public static bool Comparison(BinaryOp op, ulong a, ulong b, int w)
    {
        BigInteger sa = Signed(a, w), sb = Signed(b, w);
        return op switch
        {
            BinaryOp.Eq => a == b,
            BinaryOp.Ne => a != b,
            BinaryOp.ULt => a < b,
            BinaryOp.ULe => a <= b,
            BinaryOp.UGt => a > b,
            BinaryOp.UGe => a >= b,
            BinaryOp.SLt => sa < sb,
            BinaryOp.SLe => sa <= sb,
            BinaryOp.SGt => sa > sb,
            BinaryOp.SGe => sa >= sb,
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }

    public static ulong Unary(UnaryOp op, ulong a, int w) => op switch
    {
        UnaryOp.Not => Wrap(-(BigInteger)a - 1, w),
        UnaryOp.Negate => Wrap(-(BigInteger)a, w),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static ulong Extract(ulong a, int high, int low) => Wrap((BigInteger)a >> low, high - low + 1);
    public static ulong Concat(ulong high, ulong low, int lowWidth) => (ulong)(((BigInteger)high << lowWidth) + low);
    public static ulong SignExtend(ulong a, int from, int to) => Wrap(Signed(a, from), to);

    public static readonly BinaryOp[] ArithmeticOps =
        [BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.And, BinaryOp.Or, BinaryOp.Xor,
         BinaryOp.UDiv, BinaryOp.URem, BinaryOp.SDiv, BinaryOp.SRem, BinaryOp.Shl, BinaryOp.Shr, BinaryOp.Sar];

    public static readonly BinaryOp[] ComparisonOps =
        [BinaryOp.Eq, BinaryOp.Ne, BinaryOp.ULt, BinaryOp.ULe, BinaryOp.UGt, BinaryOp.UGe,
         BinaryOp.SLt, BinaryOp.SLe, BinaryOp.SGt, BinaryOp.SGe];
}
