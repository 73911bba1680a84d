using System.Runtime.CompilerServices;
using System.Text;
using Virtualizability.Isa.Binding;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Isa.Printing;

/// <summary>
/// Prints IR expressions as `.isa` source with the fewest parentheses the grammar needs, so that the printed
/// text parses back to the same tree (and nests no deeper than the source did).
/// </summary>
internal static class ExprPrinter
{
    private const int IfLevel = -1;
    private const int PostfixLevel = 12;
    private const int UnaryLevel = 11;

    public static string Print(Expr expr)
    {
        var sb = new StringBuilder();
        Write(sb, expr);
        return sb.ToString();
    }

    public static string Literal(ulong value, IrType type) =>
        type.IsBool ? (value != 0 ? "true" : "false") : value < 10 ? value.ToString() : $"0x{value:X}";

    private static int Level(Expr expr) => expr switch
    {
        IfExpr => IfLevel,
        BinaryExpr b => BinaryLevel(b.Op) ?? PostfixLevel,
        ConcatExpr => 8,
        UnaryExpr => UnaryLevel,
        _ => PostfixLevel,
    };

    private static int? BinaryLevel(BinaryOp op) => op switch
    {
        BinaryOp.LogicalOr => 0,
        BinaryOp.LogicalAnd => 1,
        BinaryOp.Or => 2,
        BinaryOp.Xor => 3,
        BinaryOp.And => 4,
        BinaryOp.Eq or BinaryOp.Ne => 5,
        BinaryOp.ULt or BinaryOp.ULe or BinaryOp.UGt or BinaryOp.UGe => 6,
        BinaryOp.Shl or BinaryOp.Shr or BinaryOp.Sar => 7,
        BinaryOp.Add or BinaryOp.Sub => 9,
        BinaryOp.Mul => 10,
        _ => null, // printed as calls: udiv(a, b), slt(a, b) ...
    };

    /// <summary>
    /// Writes a child that gets no width from its context when parsed back (a concat operand, a sliced value ...).
    /// A bit-vector literal there is written as zext(n, N), the typed literal, so it keeps its width.
    /// </summary>
    private static void WriteUntyped(StringBuilder sb, Expr expr, int minLevel)
    {
        if (expr is ConstExpr { Type.IsBool: false } c)
            sb.Append("zext(").Append(Literal(c.Value, c.Type)).Append(", ").Append(c.Type.Width).Append(')');
        else WriteAt(sb, expr, minLevel);
    }

    /// <summary>Writes a child whose literal would take <paramref name="contextType"/> when parsed back.</summary>
    private static void WriteWithContext(StringBuilder sb, Expr expr, IrType? contextType, int minLevel)
    {
        if (expr is ConstExpr c && contextType != c.Type) WriteUntyped(sb, expr, minLevel);
        else WriteAt(sb, expr, minLevel);
    }

    /// <summary>Writes <paramref name="expr"/>, in parentheses when it binds looser than <paramref name="minLevel"/>.</summary>
    private static void WriteAt(StringBuilder sb, Expr expr, int minLevel)
    {
        var paren = Level(expr) < minLevel;
        if (paren) sb.Append('(');
        Write(sb, expr);
        if (paren) sb.Append(')');
    }

    public static void Write(StringBuilder sb, Expr expr)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expr)
        {
            case ConstExpr c: sb.Append(Literal(c.Value, c.Type)); break;
            case NamedConstExpr n: sb.Append(n.Constant.Name); break;
            case LocalExpr l: sb.Append(l.Local.Name); break;
            case RegisterReadExpr r:
                sb.Append(r.Register.Name);
                if (r.Index is not null)
                {
                    sb.Append('[');
                    WriteWithContext(sb, r.Index, IrType.Bits(Binder.IndexWidth(r.Register.Count)), 0);
                    sb.Append(']');
                }
                break;
            case MemoryReadExpr m:
                sb.Append(m.Memory.Name).Append('[');
                Write(sb, m.Address);
                if (m.Cells != 1) sb.Append(", ").Append(m.Cells);
                sb.Append(']');
                break;
            case UnaryExpr u:
                sb.Append(u.Op switch { UnaryOp.Not => "~", UnaryOp.Negate => "-", _ => "!" });
                WriteUntyped(sb, u.Operand, UnaryLevel);
                break;
            case BinaryExpr b when BinaryLevel(b.Op) is { } level:
                // Left-associative: the left operand may sit at the same level, the right one must bind tighter.
                WriteBinaryOperands(sb, b, level);
                break;
            case BinaryExpr b:
                sb.Append(Binder.OperatorText(b.Op)).Append('(');
                WriteWithContext(sb, b.Left, b.Right is ConstExpr ? null : b.Right.Type, 0);
                sb.Append(", ");
                WriteWithContext(sb, b.Right, b.Left.Type, 0);
                sb.Append(')');
                break;
            case ConcatExpr c:
                WriteUntyped(sb, c.High, 8);
                sb.Append(" ++ ");
                WriteUntyped(sb, c.Low, 9);
                break;
            case ExtractExpr e:
                WriteUntyped(sb, e.Operand, PostfixLevel);
                sb.Append('[').Append(e.High).Append("..").Append(e.Low).Append(']');
                break;
            case ZeroExtendExpr z:
                sb.Append("zext(");
                WriteUntyped(sb, z.Operand, 0);
                sb.Append(", ").Append(z.Type.Width).Append(')');
                break;
            case SignExtendExpr s:
                sb.Append("sext(");
                WriteUntyped(sb, s.Operand, 0);
                sb.Append(", ").Append(s.Type.Width).Append(')');
                break;
            case BoolToBitsExpr b:
                Call(sb, "bit", b.Operand);
                break;
            case IfExpr i:
                sb.Append("if ");
                Write(sb, i.Condition);
                sb.Append(" then ");
                WriteWithContext(sb, i.Then, i.Else is ConstExpr ? null : i.Else.Type, 0);
                sb.Append(" else ");
                Write(sb, i.Else);
                break;
            case CallExpr c:
                Call(sb, c.Function.Name, [.. c.Arguments]);
                break;
            default:
                throw new InvalidOperationException($"unknown expression {expr.GetType().Name}");
        }
    }

    private static void WriteBinaryOperands(StringBuilder sb, BinaryExpr b, int level)
    {
        // A literal takes its width from the other operand; a shift amount literal takes the shifted value's.
        var shift = b.Op is BinaryOp.Shl or BinaryOp.Shr or BinaryOp.Sar;
        if (shift) WriteUntyped(sb, b.Left, level);
        else WriteWithContext(sb, b.Left, b.Right is ConstExpr ? null : b.Right.Type, level);
        sb.Append(' ').Append(Binder.OperatorText(b.Op)).Append(' ');
        WriteWithContext(sb, b.Right, b.Left.Type, level + 1);
    }

    public static void Call(StringBuilder sb, string name, params Expr[] args)
    {
        sb.Append(name).Append('(');
        for (var i = 0; i < args.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            Write(sb, args[i]);
        }
        sb.Append(')');
    }
}
