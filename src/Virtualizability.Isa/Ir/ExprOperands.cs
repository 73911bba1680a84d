namespace Virtualizability.Isa.Ir;

/// <summary>The direct sub-expressions of an expression, in evaluation order: the one place that knows the shapes.</summary>
public static class ExprOperands
{
    public static IEnumerable<Expr> Of(Expr expr)
    {
        switch (expr)
        {
            case RegisterReadExpr { Index: { } index }: yield return index; break;
            case MemoryReadExpr m: yield return m.Address; break;
            case UnaryExpr u: yield return u.Operand; break;
            case BinaryExpr b: yield return b.Left; yield return b.Right; break;
            case ExtractExpr x: yield return x.Operand; break;
            case ConcatExpr c: yield return c.High; yield return c.Low; break;
            case ZeroExtendExpr z: yield return z.Operand; break;
            case SignExtendExpr s: yield return s.Operand; break;
            case BoolToBitsExpr b: yield return b.Operand; break;
            case IfExpr i: yield return i.Condition; yield return i.Then; yield return i.Else; break;
            case CallExpr call: foreach (var argument in call.Arguments) yield return argument; break;
        }
    }
}
