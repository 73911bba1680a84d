using System.Linq.Expressions;
using Virtualizability.Isa.Ir;
using E = System.Linq.Expressions.Expression;

namespace Virtualizability.Execution.Compilation;

internal sealed partial class SemanticsEmitter
{
    /// <summary>Compiles an expression; statements that must run first (inlined calls) are appended to <paramref name="output"/>.</summary>
    public E EmitValue(Expr expr, List<E> output)
    {
        switch (expr)
        {
            case ConstExpr constant:
                return constant.Type.IsBool ? E.Constant(constant.Value != 0) : E.Constant(constant.Value & constant.Type.Mask);
            case NamedConstExpr named:
                return named.Type.IsBool ? E.Constant(named.Constant.Value != 0) : E.Constant(named.Constant.Value & named.Type.Mask);
            case LocalExpr local:
                return Lookup(local.Local);
            case RegisterReadExpr read:
                return RegisterRead(read, output);
            case MemoryReadExpr read:
                return MemoryRead(read.Memory, read.Cells, EmitValue(read.Address, output));
            case UnaryExpr unary:
                return Unary(unary, EmitValue(unary.Operand, output));
            case BinaryExpr { Op: BinaryOp.LogicalAnd or BinaryOp.LogicalOr } logical:
                return ShortCircuit(logical, output);
            case BinaryExpr binary:
            {
                var operands = EmitOperands([binary.Left, binary.Right], output);
                return Binary(binary.Op, operands[0], operands[1], binary.Left.Type.Width);
            }
            case ExtractExpr extract:
            {
                var operand = EmitValue(extract.Operand, output);
                var shifted = extract.Low == 0 ? operand : E.RightShift(operand, E.Constant(extract.Low));
                return Mask(shifted, extract.High - extract.Low + 1, extract.High + 1 == extract.Operand.Type.Width);
            }
            case ConcatExpr concat:
            {
                var operands = EmitOperands([concat.High, concat.Low], output);
                return E.Or(E.LeftShift(operands[0], E.Constant(concat.Low.Type.Width)), operands[1]);
            }
            case ZeroExtendExpr extend:
                return EmitValue(extend.Operand, output);
            case SignExtendExpr extend:
            {
                var operand = EmitValue(extend.Operand, output);
                var from = extend.Operand.Type.Width;
                if (from == extend.Type.Width) return operand;
                // Shift the sign bit to bit 63, shift back arithmetically, then cut to the target width.
                var signed = E.RightShift(E.Convert(E.LeftShift(operand, E.Constant(64 - from)), typeof(long)), E.Constant(64 - from));
                return Mask(E.Convert(signed, typeof(ulong)), extend.Type.Width);
            }
            case BoolToBitsExpr toBits:
                return E.Condition(EmitValue(toBits.Operand, output), E.Constant(1UL), E.Constant(0UL));
            case IfExpr conditional:
                return Conditional(conditional, output);
            case CallExpr call when IsPureExpression(call.Function):
                return PureCall(call, output);
            case CallExpr call:
                return Inline(call.Function, call.Arguments, output)!;
            default:
                throw new NotSupportedException($"{expr.Span}: expression {expr.GetType().Name} is not executable");
        }
    }

    private E Conditional(IfExpr conditional, List<E> output)
    {
        var condition = EmitValue(conditional.Condition, output);
        if (!ContainsCall(conditional.Then) && !ContainsCall(conditional.Else))
            return E.Condition(condition, EmitValue(conditional.Then, output), EmitValue(conditional.Else, output));
        // An arm with effects runs only when chosen: lower to an if statement writing a temporary.
        var result = NewTemp(ClrType(conditional.Type), "if_result");
        var then = new List<E>();
        then.Add(E.Assign(result, EmitValue(conditional.Then, then)));
        var otherwise = new List<E>();
        otherwise.Add(E.Assign(result, EmitValue(conditional.Else, otherwise)));
        output.Add(E.IfThenElse(condition, E.Block(typeof(void), then), E.Block(typeof(void), otherwise)));
        return result;
    }

    private E ShortCircuit(BinaryExpr logical, List<E> output)
    {
        var isAnd = logical.Op == BinaryOp.LogicalAnd;
        var left = EmitValue(logical.Left, output);
        if (!ContainsCall(logical.Right))
        {
            var right = EmitValue(logical.Right, output);
            return isAnd ? E.AndAlso(left, right) : E.OrElse(left, right);
        }
        var result = NewTemp(typeof(bool), isAnd ? "and" : "or");
        output.Add(E.Assign(result, left));
        var rest = new List<E>();
        rest.Add(E.Assign(result, EmitValue(logical.Right, rest)));
        output.Add(E.IfThen(isAnd ? result : E.Not(result), E.Block(typeof(void), rest)));
        return result;
    }

    private static E Unary(UnaryExpr unary, E operand) => unary.Op switch
    {
        UnaryOp.LogicalNot => E.Not(operand),
        UnaryOp.Not => E.ExclusiveOr(operand, E.Constant(unary.Type.Mask)),
        UnaryOp.Negate => Mask(E.Subtract(E.Constant(0UL), operand), unary.Type.Width),
        _ => throw new NotSupportedException($"unary operator {unary.Op}"),
    };

    /// <param name="width">Width of the (left) operand.</param>
    private E Binary(BinaryOp op, E left, E right, int width)
    {
        switch (op)
        {
            case BinaryOp.Add: return Mask(E.Add(left, right), width);
            case BinaryOp.Sub: return Mask(E.Subtract(left, right), width);
            case BinaryOp.Mul: return Mask(E.Multiply(left, right), width);
            case BinaryOp.And: return E.And(left, right);
            case BinaryOp.Or: return E.Or(left, right);
            case BinaryOp.Xor: return E.ExclusiveOr(left, right);
            case BinaryOp.UDiv:
                return Share(right, r => E.Condition(E.Equal(r, E.Constant(0UL)), E.Constant(BitOps.Mask(width)), E.Divide(left, r)));
            case BinaryOp.URem:
                return Share(left, l => Share(right, r => E.Condition(E.Equal(r, E.Constant(0UL)), l, E.Modulo(l, r))));
            case BinaryOp.SDiv: return Helper(nameof(BitOps.SDiv), left, right, width);
            case BinaryOp.SRem: return Helper(nameof(BitOps.SRem), left, right, width);
            case BinaryOp.Sar: return Helper(nameof(BitOps.Sar), left, right, width);
            case BinaryOp.Shl:
            case BinaryOp.Shr:
                return Shift(op == BinaryOp.Shl, left, right, width);
            case BinaryOp.Eq: return E.Equal(left, right);
            case BinaryOp.Ne: return E.NotEqual(left, right);
            case BinaryOp.ULt: return E.LessThan(left, right);
            case BinaryOp.ULe: return E.LessThanOrEqual(left, right);
            case BinaryOp.UGt: return E.GreaterThan(left, right);
            case BinaryOp.UGe: return E.GreaterThanOrEqual(left, right);
            // Moving both sign bits to bit 63 makes a signed 64-bit comparison order them as bits(width).
            case BinaryOp.SLt: return E.LessThan(Signed(left, width), Signed(right, width));
            case BinaryOp.SLe: return E.LessThanOrEqual(Signed(left, width), Signed(right, width));
            case BinaryOp.SGt: return E.GreaterThan(Signed(left, width), Signed(right, width));
            case BinaryOp.SGe: return E.GreaterThanOrEqual(Signed(left, width), Signed(right, width));
            default: throw new NotSupportedException($"binary operator {op}");
        }
    }

    private E Shift(bool left, E value, E amount, int width)
    {
        E Apply(E v, E count) => left
            ? Mask(E.LeftShift(v, E.Convert(count, typeof(int))), width)
            : E.RightShift(v, E.Convert(count, typeof(int)));
        if (amount is ConstantExpression { Value: ulong constant })
            return constant >= (ulong)width ? E.Constant(0UL) : Apply(value, amount);
        return Share(amount, a => E.Condition(E.GreaterThanOrEqual(a, E.Constant((ulong)width)), E.Constant(0UL), Apply(value, a)));
    }

    private static E Signed(E value, int width) =>
        E.Convert(width == 64 ? value : E.LeftShift(value, E.Constant(64 - width)), typeof(long));

    private static E Helper(string name, E left, E right, int width) =>
        E.Call(typeof(BitOps).GetMethod(name)!, left, right, E.Constant(width));

    /// <param name="alreadyNarrow">True when the value cannot exceed the width anyway (a top slice).</param>
    public static E Mask(E value, int width, bool alreadyNarrow = false) =>
        width >= 64 || alreadyNarrow ? value : E.And(value, E.Constant(BitOps.Mask(width)));
}
