using Virtualizability.Execution.Compilation;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Skeletons.Emit;

internal sealed partial class SemanticsWriter
{
    /// <summary>The expression as C# (parenthesised unless atomic); constant subtrees are written as their value.</summary>
    public string Expr(Expr expr)
    {
        if (ConstantFolder.Fold(expr) is { } known)
            return expr.Type.IsBool ? (known != 0 ? "true" : "false") : Names.Hex(known);
        switch (expr)
        {
            case LocalExpr local:
                return _locals.TryGetValue(local.Local, out var name)
                    ? name
                    : throw new InvalidOperationException($"{local.Span}: local {local.Local.Name} used outside its scope");
            case RegisterReadExpr read:
                return RegisterRead(read);
            case MemoryReadExpr read:
                return $"{SemanticsContext.Memory(read.Memory)}.Read({Strip(Expr(read.Address))}, {read.Cells})";
            case UnaryExpr unary:
                return unary.Op switch
                {
                    UnaryOp.LogicalNot => $"!{Expr(unary.Operand)}",
                    UnaryOp.Not => $"({Expr(unary.Operand)} ^ {Mask(unary.Type.Width)})",
                    _ => Cut($"(0x0UL - {Expr(unary.Operand)})", unary.Type.Width),
                };
            case BinaryExpr binary:
                return Binary(binary);
            case ExtractExpr extract:
            {
                var operand = Expr(extract.Operand);
                var width = extract.High - extract.Low + 1;
                var shifted = extract.Low == 0 ? operand : $"({operand} >> {extract.Low})";
                return extract.High + 1 == extract.Operand.Type.Width ? shifted : $"({shifted} & {Mask(width)})";
            }
            case ConcatExpr concat:
                return $"(({Expr(concat.High)} << {concat.Low.Type.Width}) | {Expr(concat.Low)})";
            case ZeroExtendExpr extend:
                return Expr(extend.Operand);
            case SignExtendExpr extend:
                return extend.Operand.Type.Width == extend.Type.Width
                    ? Expr(extend.Operand)
                    : $"Bits.SignExtend({Strip(Expr(extend.Operand))}, {extend.Operand.Type.Width}, {extend.Type.Width})";
            case BoolToBitsExpr toBits:
                return $"({Expr(toBits.Operand)} ? 0x1UL : 0x0UL)";
            case IfExpr conditional:
                if (ConstantFolder.Fold(conditional.Condition) is { } c) return Expr(c != 0 ? conditional.Then : conditional.Else);
                return $"({Expr(conditional.Condition)} ? {Strip(Expr(conditional.Then))} : {Strip(Expr(conditional.Else))})";
            case CallExpr call:
                return Call(call.Function, call.Arguments);
            default:
                throw new NotSupportedException($"{expr.Span}: expression {expr.GetType().Name}");
        }
    }

    private string RegisterRead(RegisterReadExpr read)
    {
        var register = read.Register;
        var target = SemanticsContext.Register(register);
        if (read.Index is null) return target;
        if (ConstantFolder.Fold(read.Index) is { } index)
            return index < (ulong)register.Count ? $"{target}[{index}]" : "0x0UL /* out of range */";
        return SemanticsContext.IndexAlwaysInRange(register, read.Index)
            ? $"{target}[(int){Expr(read.Index)}]"
            : $"State.Read_{Names.Member(register.Name).TrimStart('@')}({Strip(Expr(read.Index))})";
    }

    private string Binary(BinaryExpr binary)
    {
        var width = binary.Left.Type.IsBool ? 1 : binary.Left.Type.Width;
        var l = Expr(binary.Left);
        // A constant shift amount is written as an int literal: C# shifts need one, and the test below needs the value.
        if (binary.Op is BinaryOp.Shl or BinaryOp.Shr && ConstantFolder.Fold(binary.Right) is { } amount && amount < (ulong)width)
            return binary.Op == BinaryOp.Shl ? Cut($"({l} << {amount})", width) : $"({l} >> {amount})";
        var r = Expr(binary.Right);
        return binary.Op switch
        {
            BinaryOp.Add => Cut($"({l} + {r})", width),
            BinaryOp.Sub => Cut($"({l} - {r})", width),
            BinaryOp.Mul => Cut($"({l} * {r})", width),
            BinaryOp.And => $"({l} & {r})",
            BinaryOp.Or => $"({l} | {r})",
            BinaryOp.Xor => $"({l} ^ {r})",
            BinaryOp.UDiv => $"Bits.UDiv({Strip(l)}, {Strip(r)}, {width})",
            BinaryOp.URem => $"Bits.URem({Strip(l)}, {Strip(r)})",
            BinaryOp.SDiv => $"Bits.SDiv({Strip(l)}, {Strip(r)}, {width})",
            BinaryOp.SRem => $"Bits.SRem({Strip(l)}, {Strip(r)}, {width})",
            BinaryOp.Shl => $"Bits.Shl({Strip(l)}, {Strip(r)}, {width})",
            BinaryOp.Shr => $"Bits.Shr({Strip(l)}, {Strip(r)}, {width})",
            BinaryOp.Sar => $"Bits.Sar({Strip(l)}, {Strip(r)}, {width})",
            BinaryOp.Eq => $"({l} == {r})",
            BinaryOp.Ne => $"({l} != {r})",
            BinaryOp.ULt => $"({l} < {r})",
            BinaryOp.ULe => $"({l} <= {r})",
            BinaryOp.UGt => $"({l} > {r})",
            BinaryOp.UGe => $"({l} >= {r})",
            BinaryOp.SLt => $"(Bits.Signed({Strip(l)}, {width}) < Bits.Signed({Strip(r)}, {width}))",
            BinaryOp.SLe => $"(Bits.Signed({Strip(l)}, {width}) <= Bits.Signed({Strip(r)}, {width}))",
            BinaryOp.SGt => $"(Bits.Signed({Strip(l)}, {width}) > Bits.Signed({Strip(r)}, {width}))",
            BinaryOp.SGe => $"(Bits.Signed({Strip(l)}, {width}) >= Bits.Signed({Strip(r)}, {width}))",
            BinaryOp.LogicalAnd => $"({l} && {r})",
            BinaryOp.LogicalOr => $"({l} || {r})",
            _ => throw new NotSupportedException($"binary operator {binary.Op}"),
        };
    }

    private static string Mask(int width) => Names.Hex(BitOps.Mask(width));

    /// <summary>Cuts an arithmetic result to its width (nothing to cut at 64 bits).</summary>
    private static string Cut(string value, int width) => width >= 64 ? value : $"({value} & {Mask(width)})";
}
