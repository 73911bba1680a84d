using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Symbolic;

/// <summary>
/// Runs IR statements symbolically. Both arms of every branch are run and joined with ite terms, so an execution
/// is one cursor plus the early exits gathered in an <see cref="OutcomeCollector"/>; functions are inlined.
/// </summary>
internal sealed partial class BlockInterpreter(OutcomeCollector outcomes)
{
    private ReturnCollector? returns;

    public ExecutionCursor Run(Block block, ExecutionCursor cursor)
    {
        foreach (var statement in block.Statements)
        {
            if (cursor.IsDead) break;
            cursor = Run(statement, cursor);
        }
        return cursor;
    }

    private ExecutionCursor Run(Stmt statement, ExecutionCursor cursor)
    {
        switch (statement)
        {
            case Block block:
                return Run(block, cursor);
            case LetStmt let:
            {
                var (value, after) = Eval(let.Value, cursor);
                return after.WithLocal(let.Local, value);
            }
            case AssignLocalStmt assign:
            {
                var (value, after) = Eval(assign.Value, cursor);
                return after.WithLocal(assign.Local, value);
            }
            case RegisterWriteStmt write:
            {
                Term? index = null;
                if (write.Index is not null) (index, cursor) = Eval(write.Index, cursor);
                var (value, after) = Eval(write.Value, cursor);
                return after with { State = StateAccess.WriteRegister(after.State, write.Register, index, value) };
            }
            case MemoryWriteStmt write:
            {
                var (address, afterAddress) = Eval(write.Address, cursor);
                var (value, after) = Eval(write.Value, afterAddress);
                return after with { State = StateAccess.WriteMemory(after.State, write.Memory, address, write.Cells, value) };
            }
            case IfStmt branch:
                return RunIf(branch, cursor);
            case TrapStmt trap:
            {
                var (arguments, after) = EvalAll(trap.Arguments, cursor);
                outcomes.AddTrap(trap.Exception, after.Live, arguments, after.State);
                return after with { Live = Term.False };
            }
            case HaltStmt:
                outcomes.AddHalt(cursor.Live, cursor.State);
                return cursor with { Live = Term.False };
            case ReturnStmt ret:
            {
                Term? value = null;
                if (ret.Value is not null) (value, cursor) = Eval(ret.Value, cursor);
                var collector = returns ?? throw new InvalidOperationException($"{ret.Span}: return outside a function");
                collector.Returns.Add((cursor.Live, value, cursor.State));
                return cursor with { Live = Term.False };
            }
            case CallStmt call:
                return Call(call.Function, call.Arguments, cursor).After;
            default:
                throw new NotSupportedException($"statement {statement.GetType().Name}");
        }
    }

    private ExecutionCursor RunIf(IfStmt branch, ExecutionCursor cursor)
    {
        var (condition, before) = Eval(branch.Condition, cursor);
        var ended = EndedPaths;
        var then = Run(branch.Then, before.Assuming(condition));
        var @else = Run(branch.Else, before.Assuming(Term.Not(condition)));
        // When no path ended inside the arms, the joined running condition is exactly the one before the branch;
        // keeping that term (rather than the equivalent disjunction) keeps guards small.
        var live = ended == EndedPaths ? before.Live : Term.Or(then.Live, @else.Live);
        return ExecutionCursor.Join(condition, then, @else, live, before.Locals);
    }

    private int EndedPaths => outcomes.EndedPaths + (returns?.Returns.Count ?? 0);

    /// <summary>Inlines a call: binds the parameters, runs the body, and joins its returns into one value and state.</summary>
    private (Term? Value, ExecutionCursor After) Call(FunctionDecl function, ImmutableArray<Expr> arguments, ExecutionCursor cursor)
    {
        var (values, before) = EvalAll(arguments, cursor);
        var frame = ImmutableDictionary<Local, Term>.Empty;
        for (var i = 0; i < function.Parameters.Length; i++) frame = frame.SetItem(function.Parameters[i], values[i]);

        var (value, state, live) = RunFunctionBody(function, before with { Locals = frame });
        return (value, new ExecutionCursor(live, state, before.Locals));
    }

    internal (Term? Value, SymbolicState State, Term Live) RunFunctionBody(FunctionDecl function, ExecutionCursor entry)
    {
        var outerReturns = returns;
        var endedBefore = outcomes.EndedPaths;
        returns = new ReturnCollector();
        try
        {
            var end = Run(function.Body, entry);
            var exits = returns.Returns.ToList();
            if (!end.IsDead)
            {
                if (function.ReturnType is not null)
                    throw new InvalidOperationException($"{function.Span}: function {function.Name} can end without returning a value");
                exits.Add((end.Live, null, end.State));
            }
            if (exits.Count == 0) return (function.ReturnType is { } t ? Zero(t) : null, entry.State, Term.False);

            // The exits are mutually exclusive, so an ite chain over their guards selects the right one.
            var (_, value, state) = exits[^1];
            for (var i = exits.Count - 2; i >= 0; i--)
            {
                var (guard, v, s) = exits[i];
                if (value is not null && v is not null) value = Term.Ite(guard, v, value);
                state = SymbolicState.Merge(guard, s, state);
            }
            var live = outcomes.EndedPaths == endedBefore ? entry.Live : Term.Or(exits.Select(e => e.Guard));
            return (value, state, live);
        }
        finally
        {
            returns = outerReturns;
        }
    }

    private static Term Zero(IrType type) => type.IsBool ? Term.False : Term.Bv(0, type.Width);
}
