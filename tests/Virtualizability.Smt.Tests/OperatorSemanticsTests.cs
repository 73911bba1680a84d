using FsCheck.Xunit;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Solving.Z3;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;
using Xunit;
using static Virtualizability.Smt.Tests.Ir;

namespace Virtualizability.Smt.Tests;

/// <summary>
/// Every IR operator, on random widths and values, agrees with <see cref="ReferenceSemantics"/>: once folded by
/// the symbolic executor on constants, once computed by Z3 from symbols pinned to the same values.
/// </summary>
public class OperatorSemanticsTests
{
    private static readonly SymbolicState NoState = new([], []);

    private static int Width(byte seed) => seed % 64 + 1;

    // Small random values rarely hit the edges where operators differ most: mix in 0, 1, all ones and the sign bit.
    private static ulong Value(ulong raw, int w)
    {
        var mask = BitVectorMath.Mask(w);
        return (raw % 7) switch
        {
            0 => 0,
            1 => mask,
            2 => 1UL << (w - 1),
            _ => (raw * 0x9E3779B97F4A7C15UL) & mask,
        };
    }

    private static Term Fold(Expr e) => SymbolicExecutor.EvaluatePure(e, NoState);

    [Property(MaxTest = 300)]
    public void Binary_operators_on_constants_match_the_reference(byte widthSeed, ulong rawA, ulong rawB, byte amountWidthSeed)
    {
        var w = Width(widthSeed);
        ulong a = Value(rawA, w), b = Value(rawB, w);
        foreach (var op in ReferenceSemantics.ArithmeticOps)
        {
            var folded = Fold(Bin(op, C(a, w), C(b, w)));
            Assert.True(folded.IsConst, $"{op} did not fold");
            Assert.Equal(ReferenceSemantics.Arithmetic(op, a, b, w), folded.Value);
        }
        foreach (var op in ReferenceSemantics.ComparisonOps)
            Assert.Equal(ReferenceSemantics.Comparison(op, a, b, w), Fold(Bin(op, C(a, w), C(b, w))).IsTrue);

        // Shift amounts may be of any width in the IR.
        var aw = Width(amountWidthSeed);
        var amount = Value(rawB, aw);
        foreach (var op in new[] { BinaryOp.Shl, BinaryOp.Shr, BinaryOp.Sar })
            Assert.Equal(ReferenceSemantics.Arithmetic(op, a, amount, w), Fold(Bin(op, C(a, w), C(amount, aw))).Value);
    }

    [Property(MaxTest = 300)]
    public void Unary_and_width_operators_on_constants_match_the_reference(byte widthSeed, ulong rawA, ulong rawB, byte cutSeed, byte otherWidthSeed)
    {
        var w = Width(widthSeed);
        var a = Value(rawA, w);
        Assert.Equal(ReferenceSemantics.Unary(UnaryOp.Not, a, w), Fold(Un(UnaryOp.Not, C(a, w))).Value);
        Assert.Equal(ReferenceSemantics.Unary(UnaryOp.Negate, a, w), Fold(Un(UnaryOp.Negate, C(a, w))).Value);

        var low = cutSeed % w;
        var high = low + (int)(rawB % (ulong)(w - low));
        Assert.Equal(ReferenceSemantics.Extract(a, high, low), Fold(new ExtractExpr(C(a, w), high, low, S)).Value);

        var to = w + otherWidthSeed % (64 - w + 1);
        Assert.Equal(a, Fold(new ZeroExtendExpr(C(a, w), IrType.Bits(to), S)).Value);
        Assert.Equal(ReferenceSemantics.SignExtend(a, w, to), Fold(new SignExtendExpr(C(a, w), IrType.Bits(to), S)).Value);

        if (w < 64)
        {
            var hw = 1 + otherWidthSeed % (64 - w);
            var h = Value(rawB, hw);
            Assert.Equal(ReferenceSemantics.Concat(h, a, w), Fold(new ConcatExpr(C(h, hw), C(a, w), S)).Value);
        }
    }

    [Property(MaxTest = 25)]
    public void Z3_computes_every_operator_like_the_reference(byte widthSeed, ulong rawA, ulong rawB, byte amountWidthSeed)
    {
        var w = Width(widthSeed);
        ulong a = Value(rawA, w), b = Value(rawB, w);
        var aw = Width(amountWidthSeed);
        var amount = Value(rawB, aw);
        Term x = Term.BvVar("x", w), y = Term.BvVar("y", w), s = Term.BvVar("s", aw);

        var expected = new List<ModelValue>();
        var observed = new List<Term>();
        foreach (var op in ReferenceSemantics.ArithmeticOps)
        {
            observed.Add(IrOperators.Binary(op, x, y));
            expected.Add(new BitVecValue(ReferenceSemantics.Arithmetic(op, a, b, w), w));
        }
        foreach (var op in new[] { BinaryOp.Shl, BinaryOp.Shr, BinaryOp.Sar })
        {
            observed.Add(IrOperators.Binary(op, x, s));
            expected.Add(new BitVecValue(ReferenceSemantics.Arithmetic(op, a, amount, w), w));
        }
        foreach (var op in ReferenceSemantics.ComparisonOps)
        {
            observed.Add(IrOperators.Binary(op, x, y));
            expected.Add(new BoolValue(ReferenceSemantics.Comparison(op, a, b, w)));
        }
        var query = new Query(Term.Eq(x, Term.Bv(a, w)), Term.Eq(y, Term.Bv(b, w)), Term.Eq(s, Term.Bv(amount, aw)))
            .Observing([.. observed]);

        var result = new Z3InProcessBackend().Check(query, TimeSpan.FromSeconds(30));
        var model = Assert.IsType<SolverResult.Sat>(result).Model;
        Assert.Equal(expected, model.ObservedValues);
        // The term evaluator, used to replay witnesses, agrees with the solver on every observed term.
        Assert.Equal(expected, observed.Select(model.Evaluate));
    }
}
