using Virtualizability.Execution.Compilation;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Skeletons.Emit;

/// <summary>
/// Evaluates expressions built only of constants (unrolled loops leave `i == 3` and the like). The generator emits
/// their value instead of the expression: C# would fold them itself, and then warn about unreachable branches or
/// refuse arithmetic that wraps at compile time.
/// </summary>
internal static class ConstantFolder
{
    /// <summary>The value (booleans as 0/1), or null when the expression reads state, locals or calls.</summary>
    public static ulong? Fold(Expr expr)
    {
        switch (expr)
        {
            case ConstExpr c: return c.Value & c.Type.Mask;
            case NamedConstExpr n: return n.Constant.Value & n.Type.Mask;
            case UnaryExpr u when Fold(u.Operand) is { } v:
                return u.Op switch
                {
                    UnaryOp.LogicalNot => v ^ 1,
                    UnaryOp.Not => v ^ u.Type.Mask,
                    _ => (0 - v) & u.Type.Mask,
                };
            case BinaryExpr b when Fold(b.Left) is { } l && Fold(b.Right) is { } r:
                return Binary(b.Op, l, r, b.Left.Type.IsBool ? 1 : b.Left.Type.Width);
            case ExtractExpr e when Fold(e.Operand) is { } v:
                return (v >> e.Low) & BitOps.Mask(e.High - e.Low + 1);
            case ConcatExpr c when Fold(c.High) is { } h && Fold(c.Low) is { } l:
                return (h << c.Low.Type.Width) | l;
            case ZeroExtendExpr z when Fold(z.Operand) is { } v: return v;
            case SignExtendExpr s when Fold(s.Operand) is { } v: return BitOps.SignExtend(v, s.Operand.Type.Width, s.Type.Width);
            case BoolToBitsExpr t: return Fold(t.Operand);
            case IfExpr i when Fold(i.Condition) is { } c: return c != 0 ? Fold(i.Then) : Fold(i.Else);
            default: return null;
        }
    }

    private static ulong Binary(BinaryOp op, ulong l, ulong r, int width)
    {
        var mask = BitOps.Mask(width);
        static ulong B(bool b) => b ? 1UL : 0UL;
        return op switch
        {
            BinaryOp.Add => (l + r) & mask,
            BinaryOp.Sub => (l - r) & mask,
            BinaryOp.Mul => (l * r) & mask,
            BinaryOp.And => l & r,
            BinaryOp.Or => l | r,
            BinaryOp.Xor => l ^ r,
            BinaryOp.UDiv => r == 0 ? mask : l / r,
            BinaryOp.URem => r == 0 ? l : l % r,
            BinaryOp.SDiv => BitOps.SDiv(l, r, width),
            BinaryOp.SRem => BitOps.SRem(l, r, width),
            BinaryOp.Shl => r >= (ulong)width ? 0 : (l << (int)r) & mask,
            BinaryOp.Shr => r >= (ulong)width ? 0 : l >> (int)r,
            BinaryOp.Sar => BitOps.Sar(l, r, width),
            BinaryOp.Eq => B(l == r),
            BinaryOp.Ne => B(l != r),
            BinaryOp.ULt => B(l < r),
            BinaryOp.ULe => B(l <= r),
            BinaryOp.UGt => B(l > r),
            BinaryOp.UGe => B(l >= r),
            BinaryOp.SLt => B(BitOps.ToSigned(l, width) < BitOps.ToSigned(r, width)),
            BinaryOp.SLe => B(BitOps.ToSigned(l, width) <= BitOps.ToSigned(r, width)),
            BinaryOp.SGt => B(BitOps.ToSigned(l, width) > BitOps.ToSigned(r, width)),
            BinaryOp.SGe => B(BitOps.ToSigned(l, width) >= BitOps.ToSigned(r, width)),
            BinaryOp.LogicalAnd => l & r,
            BinaryOp.LogicalOr => l | r,
            _ => throw new NotSupportedException($"binary operator {op}"),
        };
    }
}
