using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Symbolic;

internal sealed partial class BlockInterpreter
{
    /// <summary>
    /// The term of an expression and the cursor after evaluating it: calls may write state and trap, so
    /// evaluation threads the cursor through, in evaluation order (left to right).
    /// </summary>
    public (Term Value, ExecutionCursor After) Eval(Expr expr, ExecutionCursor cursor)
    {
        switch (expr)
        {
            case ConstExpr c:
                return (Constant(c.Value, c.Type), cursor);
            case NamedConstExpr n:
                return (Constant(n.Constant.Value, n.Type), cursor);
            case LocalExpr l:
                return cursor.Locals.TryGetValue(l.Local, out var bound)
                    ? (bound, cursor)
                    : throw new InvalidOperationException($"{l.Span}: local {l.Local.Name} has no value");
            case RegisterReadExpr read:
            {
                Term? index = null;
                if (read.Index is not null) (index, cursor) = Eval(read.Index, cursor);
                return (StateAccess.ReadRegister(cursor.State, read.Register, index), cursor);
            }
            case MemoryReadExpr read:
            {
                var (address, after) = Eval(read.Address, cursor);
                return (StateAccess.ReadMemory(after.State, read.Memory, address, read.Cells), after);
            }
            case UnaryExpr unary:
            {
                var (operand, after) = Eval(unary.Operand, cursor);
                return (unary.Op switch
                {
                    UnaryOp.Not => Term.BvNot(operand),
                    UnaryOp.Negate => Term.Neg(operand),
                    UnaryOp.LogicalNot => Term.Not(operand),
                    _ => throw new NotSupportedException($"unary {unary.Op}"),
                }, after);
            }
            case BinaryExpr binary:
            {
                var (left, afterLeft) = Eval(binary.Left, cursor);
                var (right, after) = Eval(binary.Right, afterLeft);
                return (IrOperators.Binary(binary.Op, left, right), after);
            }
            case ExtractExpr extract:
            {
                var (operand, after) = Eval(extract.Operand, cursor);
                return (Term.Extract(operand, extract.High, extract.Low), after);
            }
            case ConcatExpr concat:
            {
                var (high, afterHigh) = Eval(concat.High, cursor);
                var (low, after) = Eval(concat.Low, afterHigh);
                return (Term.Concat(high, low), after);
            }
            case ZeroExtendExpr zext:
            {
                var (operand, after) = Eval(zext.Operand, cursor);
                return (Term.ZeroExtend(operand, zext.Type.Width), after);
            }
            case SignExtendExpr sext:
            {
                var (operand, after) = Eval(sext.Operand, cursor);
                return (Term.SignExtend(operand, sext.Type.Width), after);
            }
            case BoolToBitsExpr toBits:
            {
                var (operand, after) = Eval(toBits.Operand, cursor);
                return (Term.Ite(operand, Term.Bv(1, 1), Term.Bv(0, 1)), after);
            }
            case IfExpr conditional:
                return EvalIf(conditional, cursor);
            case CallExpr call:
            {
                var (value, after) = Call(call.Function, call.Arguments, cursor);
                return (value ?? throw new InvalidOperationException($"{call.Span}: {call.Function.Name} returned no value"), after);
            }
            default:
                throw new NotSupportedException($"expression {expr.GetType().Name}");
        }
    }

    // Only the chosen arm is evaluated, and arms may call functions that trap: run each arm under its condition.
    private (Term Value, ExecutionCursor After) EvalIf(IfExpr conditional, ExecutionCursor cursor)
    {
        var (condition, before) = Eval(conditional.Condition, cursor);
        var ended = EndedPaths;
        var (thenValue, then) = Eval(conditional.Then, before.Assuming(condition));
        var (elseValue, @else) = Eval(conditional.Else, before.Assuming(Term.Not(condition)));
        var live = ended == EndedPaths ? before.Live : Term.Or(then.Live, @else.Live);
        var value = then.IsDead ? elseValue : @else.IsDead ? thenValue : Term.Ite(condition, thenValue, elseValue);
        return (value, ExecutionCursor.Join(condition, then, @else, live, before.Locals));
    }

    public (ImmutableArray<Term> Values, ExecutionCursor After) EvalAll(ImmutableArray<Expr> exprs, ExecutionCursor cursor)
    {
        var values = ImmutableArray.CreateBuilder<Term>(exprs.Length);
        foreach (var e in exprs)
        {
            var (value, after) = Eval(e, cursor);
            values.Add(value);
            cursor = after;
        }
        return (values.MoveToImmutable(), cursor);
    }

    private static Term Constant(ulong value, IrType type) => type.IsBool ? Term.Bool(value != 0) : Term.Bv(value & type.Mask, type.Width);
}
