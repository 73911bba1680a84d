using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Symbolic;

/// <summary>The IR's binary operators as terms.</summary>
public static class IrOperators
{
    public static Term Binary(BinaryOp op, Term left, Term right) => op switch
    {
        BinaryOp.Add => Term.Add(left, right),
        BinaryOp.Sub => Term.Sub(left, right),
        BinaryOp.Mul => Term.Mul(left, right),
        BinaryOp.And => Term.BvAnd(left, right),
        BinaryOp.Or => Term.BvOr(left, right),
        BinaryOp.Xor => Term.BvXor(left, right),
        BinaryOp.UDiv => Term.UDiv(left, right),
        BinaryOp.URem => Term.URem(left, right),
        BinaryOp.SDiv => Term.SDiv(left, right),
        BinaryOp.SRem => Term.SRem(left, right),
        BinaryOp.Shl => Shift(Term.Shl, left, right, arithmetic: false),
        BinaryOp.Shr => Shift(Term.LShr, left, right, arithmetic: false),
        BinaryOp.Sar => Shift(Term.AShr, left, right, arithmetic: true),
        BinaryOp.Eq => Term.Eq(left, right),
        BinaryOp.Ne => Term.Ne(left, right),
        BinaryOp.ULt => Term.ULt(left, right),
        BinaryOp.ULe => Term.ULe(left, right),
        BinaryOp.UGt => Term.UGt(left, right),
        BinaryOp.UGe => Term.UGe(left, right),
        BinaryOp.SLt => Term.SLt(left, right),
        BinaryOp.SLe => Term.SLe(left, right),
        BinaryOp.SGt => Term.SGt(left, right),
        BinaryOp.SGe => Term.SGe(left, right),
        BinaryOp.LogicalAnd => Term.And(left, right),
        BinaryOp.LogicalOr => Term.Or(left, right),
        _ => throw new NotSupportedException($"binary {op}"),
    };

    /// <summary>
    /// IR shifts take an amount of any width; SMT-LIB's take one of the operand's width. A narrower amount is
    /// zero-extended (SMT-LIB already gives 0 for amounts of the width or more); a wider one is compared with the
    /// width first, since truncating it would wrap large amounts into small ones.
    /// </summary>
    public static Term Shift(Func<Term, Term, Term> smtShift, Term value, Term amount, bool arithmetic)
    {
        var width = value.Width;
        if (amount.Width <= width) return smtShift(value, Term.ZeroExtend(amount, width));
        var overflow = arithmetic ? Term.AShr(value, Term.Bv((ulong)width - 1, width)) : Term.Bv(0, width);
        var inRange = Term.ULt(amount, Term.Bv((ulong)width, amount.Width));
        return Term.Ite(inRange, smtShift(value, Term.Extract(amount, width - 1, 0)), overflow);
    }
}
