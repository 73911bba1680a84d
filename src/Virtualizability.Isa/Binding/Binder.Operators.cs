using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

internal sealed partial class Binder
{
    private BoundValue BindBinary(BinarySyntax syntax, IrType? expected, BindContext context)
    {
        var op = syntax.Operator;
        switch (op)
        {
            case "&&":
            case "||":
            {
                var l = RequireBool(BindExpr(syntax.Left, IrType.Bool, context), syntax.Left.Span);
                var r = RequireBool(BindExpr(syntax.Right, IrType.Bool, context), syntax.Right.Span);
                if (l is null || r is null) return BoundValue.Error;
                return BoundValue.Of(new BinaryExpr(op == "&&" ? BinaryOp.LogicalAnd : BinaryOp.LogicalOr, l, r, IrType.Bool, syntax.Span));
            }
            case "==": return Compare(BinaryOp.Eq, syntax.Left, syntax.Right, syntax.Span, context);
            case "!=": return Compare(BinaryOp.Ne, syntax.Left, syntax.Right, syntax.Span, context);
            case "<": return Compare(BinaryOp.ULt, syntax.Left, syntax.Right, syntax.Span, context);
            case "<=": return Compare(BinaryOp.ULe, syntax.Left, syntax.Right, syntax.Span, context);
            case ">": return Compare(BinaryOp.UGt, syntax.Left, syntax.Right, syntax.Span, context);
            case ">=": return Compare(BinaryOp.UGe, syntax.Left, syntax.Right, syntax.Span, context);
            case "<<": return Shift(BinaryOp.Shl, syntax, expected, context);
            case ">>": return Shift(BinaryOp.Shr, syntax, expected, context);
            case ">>>": return Shift(BinaryOp.Sar, syntax, expected, context);
            case "++": return Concat(syntax, context);
            case "+": return Arithmetic(BinaryOp.Add, syntax.Left, syntax.Right, syntax.Span, expected, context);
            case "-": return Arithmetic(BinaryOp.Sub, syntax.Left, syntax.Right, syntax.Span, expected, context);
            case "*": return Arithmetic(BinaryOp.Mul, syntax.Left, syntax.Right, syntax.Span, expected, context);
            case "&": return Arithmetic(BinaryOp.And, syntax.Left, syntax.Right, syntax.Span, expected, context);
            case "|": return Arithmetic(BinaryOp.Or, syntax.Left, syntax.Right, syntax.Span, expected, context);
            case "^": return Arithmetic(BinaryOp.Xor, syntax.Left, syntax.Right, syntax.Span, expected, context);
            default: throw new InvalidOperationException($"unknown operator {op}");
        }
    }

    /// <summary>Gives two operands one type: an integer takes the other side's type. Null when they cannot agree.</summary>
    private (Expr Left, Expr Right)? Unify(BoundValue l, BoundValue r, ExprSyntax left, ExprSyntax right, string what)
    {
        if (l.IsError || r.IsError) return null;
        if (l.IsInteger && r.IsIr) return (Coerce(l, r.Expr!.Type, left.Span), r.Expr!);
        if (r.IsInteger && l.IsIr) return (l.Expr!, Coerce(r, l.Expr!.Type, right.Span));
        if (l.IsInteger)
        {
            Error(DiagnosticCodes.IntegerNeedsWidth, left.Span, $"both operands of {what} are integers with no width to take");
            return null;
        }
        var (a, b) = (l.Expr!, r.Expr!);
        if (a.Type != b.Type)
        {
            Error(a.Type.IsBool || b.Type.IsBool ? DiagnosticCodes.TypeMismatch : DiagnosticCodes.WidthMismatch, right.Span,
                $"the operands of {what} have different types: {a.Type} and {b.Type}");
            return null;
        }
        return (a, b);
    }

    private BoundValue Compare(BinaryOp op, ExprSyntax left, ExprSyntax right, SourceSpan span, BindContext context)
    {
        var l = BindExpr(left, null, context);
        var r = BindExpr(right, l.IsIr ? l.Expr!.Type : null, context);
        if (l.IsInteger && r.IsInteger)
        {
            var result = op switch
            {
                BinaryOp.Eq => l.Integer == r.Integer,
                BinaryOp.Ne => l.Integer != r.Integer,
                BinaryOp.ULt or BinaryOp.SLt => l.Integer < r.Integer,
                BinaryOp.ULe or BinaryOp.SLe => l.Integer <= r.Integer,
                BinaryOp.UGt or BinaryOp.SGt => l.Integer > r.Integer,
                _ => l.Integer >= r.Integer,
            };
            return BoundValue.Of(new ConstExpr(result ? 1UL : 0UL, IrType.Bool, span));
        }
        var pair = Unify(l, r, left, right, $"'{OperatorText(op)}'");
        if (pair is not { } p) return BoundValue.Error;
        if (p.Left.Type.IsBool)
        {
            Error(DiagnosticCodes.OperatorNotApplicable, span, $"'{OperatorText(op)}' compares bit-vectors, not bools");
            return BoundValue.Error;
        }
        return BoundValue.Of(new BinaryExpr(op, p.Left, p.Right, IrType.Bool, span));
    }

    private BoundValue Arithmetic(BinaryOp op, ExprSyntax left, ExprSyntax right, SourceSpan span, IrType? expected, BindContext context)
    {
        var l = BindExpr(left, expected, context);
        var r = BindExpr(right, l.IsIr ? l.Expr!.Type : expected, context);
        if (l.IsInteger && r.IsInteger) return Fold(op, l.Integer, r.Integer, span);
        var pair = Unify(l, r, left, right, $"'{OperatorText(op)}'");
        if (pair is not { } p) return BoundValue.Error;
        if (p.Left.Type.IsBool)
        {
            Error(DiagnosticCodes.OperatorNotApplicable, span, $"'{OperatorText(op)}' needs bit-vectors, not bools (use && || ! for bools)");
            return BoundValue.Error;
        }
        return BoundValue.Of(new BinaryExpr(op, p.Left, p.Right, p.Left.Type, span));
    }

    private BoundValue Fold(BinaryOp op, Int128 a, Int128 b, SourceSpan span)
    {
        try
        {
            return BoundValue.Of(op switch
            {
                BinaryOp.Add => checked(a + b),
                BinaryOp.Sub => checked(a - b),
                BinaryOp.Mul => checked(a * b),
                BinaryOp.And => a & b,
                BinaryOp.Or => a | b,
                BinaryOp.Xor => a ^ b,
                BinaryOp.Shl when b >= 0 && b < 127 && (a << (int)b) >> (int)b == a => a << (int)b,
                BinaryOp.Shr or BinaryOp.Sar when b >= 0 => b >= 127 ? (a < 0 ? -1 : 0) : a >> (int)b,
                BinaryOp.UDiv or BinaryOp.SDiv when b != 0 => a / b,
                BinaryOp.URem or BinaryOp.SRem when b != 0 => a % b,
                _ => throw new OverflowException(),
            });
        }
        catch (OverflowException)
        {
            Error(DiagnosticCodes.ConstantArithmetic, span, $"compile-time '{OperatorText(op)}' of {a} and {b} overflows or is undefined");
            return BoundValue.Error;
        }
    }

    private BoundValue Shift(BinaryOp op, BinarySyntax syntax, IrType? expected, BindContext context)
    {
        var l = BindExpr(syntax.Left, expected, context);
        var r = BindExpr(syntax.Right, null, context);
        if (l.IsError || r.IsError) return BoundValue.Error;
        if (l.IsInteger && r.IsInteger) return Fold(op, l.Integer, r.Integer, syntax.Span);
        if (l.IsInteger && expected is { IsBool: false } t) l = BoundValue.Of(Coerce(l, t, syntax.Left.Span));
        var value = RequireBits(l, syntax.Left.Span, "the shifted value");
        if (value is null) return BoundValue.Error;
        // An integer amount takes the shifted value's width: amounts of that width or more give 0 anyway.
        var amount = r.IsInteger
            ? Coerce(BoundValue.Of(Int128.Clamp(r.Integer, 0, value.Type.Mask)), value.Type, syntax.Right.Span)
            : RequireBits(r, syntax.Right.Span, "the shift amount");
        if (r.IsInteger && r.Integer < 0)
        {
            Error(DiagnosticCodes.IntegerDoesNotFit, syntax.Right.Span, "a shift amount cannot be negative");
            return BoundValue.Error;
        }
        if (amount is null) return BoundValue.Error;
        return BoundValue.Of(new BinaryExpr(op, value, amount, value.Type, syntax.Span));
    }

    private BoundValue Concat(BinarySyntax syntax, BindContext context)
    {
        var l = RequireBits(BindExpr(syntax.Left, null, context), syntax.Left.Span, "an operand of '++'");
        var r = RequireBits(BindExpr(syntax.Right, null, context), syntax.Right.Span, "an operand of '++'");
        if (l is null || r is null) return BoundValue.Error;
        if (l.Type.Width + r.Type.Width > IrType.MaxWidth)
        {
            Error(DiagnosticCodes.InvalidWidth, syntax.Span,
                $"{l.Type} ++ {r.Type} would be {l.Type.Width + r.Type.Width} bits, more than {IrType.MaxWidth}");
            return BoundValue.Error;
        }
        return BoundValue.Of(new ConcatExpr(l, r, syntax.Span));
    }

    internal static string OperatorText(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+", BinaryOp.Sub => "-", BinaryOp.Mul => "*", BinaryOp.And => "&", BinaryOp.Or => "|",
        BinaryOp.Xor => "^", BinaryOp.Shl => "<<", BinaryOp.Shr => ">>", BinaryOp.Sar => ">>>", BinaryOp.Eq => "==",
        BinaryOp.Ne => "!=", BinaryOp.ULt => "<", BinaryOp.ULe => "<=", BinaryOp.UGt => ">", BinaryOp.UGe => ">=",
        BinaryOp.LogicalAnd => "&&", BinaryOp.LogicalOr => "||", BinaryOp.UDiv => "udiv", BinaryOp.URem => "urem",
        BinaryOp.SDiv => "sdiv", BinaryOp.SRem => "srem", BinaryOp.SLt => "slt", BinaryOp.SLe => "sle",
        BinaryOp.SGt => "sgt", _ => "sge",
    };
}
