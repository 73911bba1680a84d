using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Virtualizability.Execution.Tests.Building;
using Virtualizability.Isa.Ir;
using Xunit;
using static Virtualizability.Execution.Tests.Building.Ir;

namespace Virtualizability.Execution.Tests;

/// <summary>Compiled expressions agree with <see cref="ReferenceBitVectors"/> for random operands and widths.</summary>
public class ExpressionSemanticsProperties
{
    private static readonly BinaryOp[] SameWidthOps =
    [
        BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.And, BinaryOp.Or, BinaryOp.Xor,
        BinaryOp.UDiv, BinaryOp.URem, BinaryOp.SDiv, BinaryOp.SRem,
        BinaryOp.Eq, BinaryOp.Ne, BinaryOp.ULt, BinaryOp.ULe, BinaryOp.UGt, BinaryOp.UGe,
        BinaryOp.SLt, BinaryOp.SLe, BinaryOp.SGt, BinaryOp.SGe,
    ];

    private static readonly BinaryOp[] ShiftOps = [BinaryOp.Shl, BinaryOp.Shr, BinaryOp.Sar];

    /// <summary>Random 64-bit values, with the edge cases (0, 1, all ones, the sign bits of every width) often.</summary>
    private static Gen<ulong> Values =>
        Gen.Frequency(
            (3, Gen.Choose(int.MinValue, int.MaxValue).Two().Select(p => (ulong)(uint)p.Item1 << 32 | (uint)p.Item2)),
            (1, Gen.Elements(0UL, 1UL, 2UL, ulong.MaxValue, ulong.MaxValue - 1)),
            (1, Gen.Choose(0, 63).Select(bit => 1UL << bit)),
            (1, Gen.Choose(0, 63).Select(bit => (1UL << bit) - 1)));

    private static Gen<int> Widths => Gen.Frequency((3, Gen.Choose(1, 64)), (1, Gen.Elements(1, 8, 16, 32, 63, 64)));

    private static ulong Cut(ulong value, int width) => value & IrType.Bits(width).Mask;

    [Property(MaxTest = 400)]
    public Property Same_width_binary_operators_match_the_reference() =>
        Prop.ForAll(
            Arb.From(Gen.Elements(SameWidthOps).Zip(Widths).Zip(Values.Two())),
            input =>
            {
                var ((op, width), (rawA, rawB)) = input;
                var (a, b) = (Cut(rawA, width), Cut(rawB, width));
                var actual = ExpressionHarness.Evaluate(op.ToString(), width, width, (x, y) => Bin(op, x, y), a, b);
                Assert.Equal(ReferenceBitVectors.Apply(op, a, b, width), actual);
            });

    [Property(MaxTest = 400)]
    public Property Shifts_by_any_amount_width_match_the_reference() =>
        Prop.ForAll(
            Arb.From(Gen.Elements(ShiftOps).Zip(Widths).Zip(Gen.Choose(1, 8)).Zip(Values.Two())),
            input =>
            {
                var (((op, width), amountWidth), (rawA, rawB)) = input;
                var a = Cut(rawA, width);
                // Amounts are often small so that in-range shifts are well covered, and sometimes at or past the width.
                var amount = Cut(rawB % 3 == 0 ? rawB : rawB % 70, amountWidth);
                var actual = ExpressionHarness.Evaluate(op.ToString(), width, amountWidth, (x, y) => Bin(op, x, y), a, amount);
                Assert.Equal(ReferenceBitVectors.Apply(op, a, amount, width), actual);
            });

    [Property(MaxTest = 200)]
    public Property Constant_shift_amounts_match_the_reference() =>
        Prop.ForAll(
            Arb.From(Gen.Elements(ShiftOps).Zip(Widths).Zip(Gen.Choose(0, 70)).Zip(Values)),
            input =>
            {
                var (((op, width), amount), rawA) = input;
                var a = Cut(rawA, width);
                var actual = ExpressionHarness.Evaluate($"{op}#{amount}", width, 8, (x, _) => Bin(op, x, C((ulong)amount, 8)), a, 0);
                Assert.Equal(ReferenceBitVectors.Apply(op, a, (ulong)amount, width), actual);
            });

    [Property(MaxTest = 300)]
    public Property Extract_concat_and_extensions_match_the_reference() =>
        Prop.ForAll(
            Arb.From(Widths.Zip(Widths).Zip(Values.Two())),
            input =>
            {
                var ((width, other), (rawA, rawB)) = input;
                var (a, b) = (Cut(rawA, width), Cut(rawB, other));
                var low = (int)(rawB % (ulong)width);
                var high = low + (int)(rawA % (ulong)(width - low));
                var slice = ExpressionHarness.Evaluate($"slice{high}_{low}", width, other, (x, _) => Slice(x, high, low), a, b);
                Assert.Equal((ulong)((a / BigPow(low)) % BigPow(high - low + 1)), slice);

                var target = Math.Max(width, other);
                var zext = ExpressionHarness.Evaluate($"zext{target}", width, other, (x, _) => Zext(x, target), a, b);
                Assert.Equal(a, zext);
                var sext = ExpressionHarness.Evaluate($"sext{target}", width, other, (x, _) => Sext(x, target), a, b);
                Assert.Equal(ReferenceBitVectors.Wrap(ReferenceBitVectors.Signed(a, width), target), sext);

                if (width + other <= 64)
                {
                    var concat = ExpressionHarness.Evaluate("concat", width, other, Concat, a, b);
                    Assert.Equal((ulong)(a * BigPow(other) + b), concat);
                }
            });

    [Property(MaxTest = 200)]
    public Property Complement_and_negation_match_the_reference() =>
        Prop.ForAll(
            Arb.From(Widths.Zip(Values)),
            input =>
            {
                var (width, raw) = input;
                var a = Cut(raw, width);
                var not = ExpressionHarness.Evaluate("not", width, 1, (x, _) => new UnaryExpr(UnaryOp.Not, x, x.Type, S), a, 0);
                Assert.Equal(ReferenceBitVectors.AllOnes(width) - a, not);
                var negate = ExpressionHarness.Evaluate("neg", width, 1, (x, _) => new UnaryExpr(UnaryOp.Negate, x, x.Type, S), a, 0);
                Assert.Equal(ReferenceBitVectors.Wrap(-(System.Numerics.BigInteger)a, width), negate);
            });

    [Fact]
    public void Division_edge_cases_follow_smt_lib()
    {
        ulong Eval(BinaryOp op, ulong a, ulong b) => ExpressionHarness.Evaluate(op.ToString(), 8, 8, (x, y) => Bin(op, x, y), a, b);
        Assert.Equal(0xFFUL, Eval(BinaryOp.UDiv, 7, 0));
        Assert.Equal(7UL, Eval(BinaryOp.URem, 7, 0));
        Assert.Equal(0xFFUL, Eval(BinaryOp.SDiv, 7, 0));    // non-negative / 0 = all ones
        Assert.Equal(1UL, Eval(BinaryOp.SDiv, 0xF9, 0));    // -7 / 0 = 1
        Assert.Equal(0x80UL, Eval(BinaryOp.SDiv, 0x80, 0xFF)); // MIN / -1 = MIN
        Assert.Equal(0xFEUL, Eval(BinaryOp.SDiv, 0xF9, 3)); // -7 / 3 = -2 (toward zero)
        Assert.Equal(0xFFUL, Eval(BinaryOp.SRem, 0xF9, 3)); // -7 rem 3 = -1 (dividend's sign)
        Assert.Equal(0xF9UL, Eval(BinaryOp.SRem, 0xF9, 0));
    }

    [Fact]
    public void Sixty_four_bit_signed_division_of_min_by_minus_one_does_not_throw()
    {
        var min = 1UL << 63;
        Assert.Equal(min, ExpressionHarness.Evaluate("SDiv", 64, 64, (x, y) => Bin(BinaryOp.SDiv, x, y), min, ulong.MaxValue));
        Assert.Equal(0UL, ExpressionHarness.Evaluate("SRem", 64, 64, (x, y) => Bin(BinaryOp.SRem, x, y), min, ulong.MaxValue));
    }

    private static System.Numerics.BigInteger BigPow(int bits) => System.Numerics.BigInteger.One << bits;
}
