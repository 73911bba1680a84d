using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

internal sealed partial class Binder
{
    /// <summary>Binds a body (function, hook, instruction ...) in a fresh scope under the given context.</summary>
    private Block BindBody(BlockSyntax body, BindContext? context, IEnumerable<Local>? locals = null)
    {
        context ??= new BindContext(BodyKind.Hook, new Scope(null), null);
        foreach (var local in locals ?? []) DeclareLocal(local, context);
        return BindBlockInScope(body.Statements, body.Span, context);
    }

    private Block BindBlock(BlockSyntax block, BindContext context)
    {
        var outer = context.Scope;
        context.Scope = new Scope(outer);
        context.Depth++;
        try
        {
            return BindBlockInScope(block.Statements, block.Span, context);
        }
        finally
        {
            context.Depth--;
            context.Scope = outer;
        }
    }

    private Block BindBlockInScope(ImmutableArray<StmtSyntax> statements, SourceSpan span, BindContext context)
    {
        var output = new List<Stmt>();
        foreach (var s in statements) BindStatement(s, output, context);
        return new Block([.. output], span);
    }

    private void DeclareLocal(Local local, BindContext context)
    {
        var existing = Lookup(local.Name, context);
        // Parameters are declared first, in a scope of their own: a parameter found there is an earlier one of the same
        // list, which BindParameters has reported already ("parameter 'a' is declared twice"); one mistake, one error.
        var repeatedParameter = local.Kind == LocalKind.Parameter && existing is LocalSymbol { Local.Kind: LocalKind.Parameter };
        if (existing is not null && existing is not InstructionSymbol && !repeatedParameter)
            Error(DiagnosticCodes.DuplicateName, local.Span, $"'{local.Name}' is already declared as {existing.Described} at {existing.Span}");
        context.Scope.Add(new LocalSymbol(local));
    }

    private void BindStatement(StmtSyntax syntax, List<Stmt> output, BindContext context)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (syntax)
        {
            case BlockSyntax block:
                output.Add(BindBlock(block, context));
                break;
            case LetSyntax let:
                BindLet(let, output, context);
                break;
            case AssignSyntax assign:
                BindAssign(assign, output, context);
                break;
            case IfSyntax ifs:
                output.Add(BindIf(ifs, context));
                break;
            case MatchSyntax match:
                BindMatch(match, output, context);
                break;
            case ForSyntax loop:
                BindFor(loop, output, context);
                break;
            case RequireSyntax require:
            {
                var condition = RequireBool(BindExpr(require.Condition, IrType.Bool, context), require.Condition.Span);
                var trap = BindTrap(require.Exception, require.ExceptionSpan, require.Arguments, require.Span, context);
                if (condition is null || trap is null) break;
                var negated = new UnaryExpr(UnaryOp.LogicalNot, condition, IrType.Bool, require.Condition.Span);
                output.Add(new IfStmt(negated, new Block([trap], require.Span), Block.Empty(require.Span), require.Span));
                break;
            }
            case TrapSyntax trap:
            {
                var stmt = BindTrap(trap.Exception, trap.ExceptionSpan, trap.Arguments, trap.Span, context);
                if (stmt is not null) output.Add(stmt);
                break;
            }
            case HaltSyntax halt:
                output.Add(new HaltStmt(halt.Span));
                break;
            case ReturnSyntax ret:
                BindReturn(ret, output, context);
                break;
            case CallStmtSyntax call:
                BindCallStatement(call, output, context);
                break;
            case MoveSyntax move:
                Error(DiagnosticCodes.MisplacedMove, move.Span, "'move' is only allowed as the last statement of a vmmap");
                break;
            default:
                throw new InvalidOperationException($"unknown statement {syntax.GetType().Name}");
        }
    }

    private void BindLet(LetSyntax let, List<Stmt> output, BindContext context)
    {
        IrType? declared = let.Type is null ? null : BindType(let.Type);
        var value = BindExpr(let.Value, declared, context);
        IrType type;
        if (declared is { } d) type = d;
        else if (value.IsIr) type = value.Expr!.Type;
        else
        {
            if (value.IsInteger)
                Error(DiagnosticCodes.IntegerNeedsWidth, let.Value.Span, $"'{let.Name}' needs a type: the integer value has no width (write 'let {let.Name} : bits(N) = ...')");
            type = IrType.Bits(1);
            value = BoundValue.Error;
        }
        var expr = Coerce(value, type, let.Value.Span);
        var local = new Local(let.Name, type, let.IsVar ? LocalKind.Var : LocalKind.Let, let.NameSpan);
        DeclareLocal(local, context);
        output.Add(new LetStmt(local, expr, let.Span));
    }

    private IfStmt BindIf(IfSyntax syntax, BindContext context)
    {
        var condition = RequireBool(BindExpr(syntax.Condition, IrType.Bool, context), syntax.Condition.Span)
            ?? new ConstExpr(0, IrType.Bool, syntax.Condition.Span);
        var then = BindBlock(syntax.Then, context);
        var otherwise = syntax.Else switch
        {
            null => Block.Empty(syntax.Span),
            BlockSyntax b => BindBlock(b, context),
            IfSyntax nested => WrapNested(nested, context),
            _ => throw new InvalidOperationException("else must be a block or an if"),
        };
        return new IfStmt(condition, then, otherwise, syntax.Span);
    }

    private Block WrapNested(IfSyntax nested, BindContext context)
    {
        context.Depth++;
        try
        {
            return new Block([BindIf(nested, context)], nested.Span);
        }
        finally
        {
            context.Depth--;
        }
    }

    private TrapStmt? BindTrap(string name, SourceSpan nameSpan, ImmutableArray<ExprSyntax> args, SourceSpan span, BindContext context)
    {
        var symbol = Lookup(name, context);
        if (symbol is not ExceptionSymbol exception)
        {
            Error(symbol is null ? DiagnosticCodes.UnknownName : DiagnosticCodes.WrongKind, nameSpan,
                symbol is null ? $"unknown exception '{name}'" : $"'{name}' is {symbol.Described}, not an exception");
            BindArgumentsForErrors(args, context);
            return null;
        }
        var bound = BindArguments(args, exception.Parameters, span, $"exception '{name}'", context);
        if (bound is null || exception.Decl is null) return null;
        return new TrapStmt(exception.Decl, bound.Value, span);
    }

    private void BindReturn(ReturnSyntax ret, List<Stmt> output, BindContext context)
    {
        if (context.Kind != BodyKind.Function)
        {
            Error(DiagnosticCodes.InvalidReturn, ret.Span, "'return' is only allowed in a function");
            return;
        }
        if (context.ReturnType is not { } type)
        {
            if (ret.Value is null) output.Add(new ReturnStmt(null, ret.Span));
            else Error(DiagnosticCodes.InvalidReturn, ret.Value.Span, "this function has no return type, so 'return' takes no value");
            return;
        }
        if (ret.Value is null)
        {
            Error(DiagnosticCodes.InvalidReturn, ret.Span, $"this function returns {type}: 'return' needs a value");
            return;
        }
        output.Add(new ReturnStmt(Coerce(BindExpr(ret.Value, type, context), type, ret.Value.Span), ret.Span));
    }

    private void BindCallStatement(CallStmtSyntax call, List<Stmt> output, BindContext context)
    {
        if (Builtins.IsBuiltin(call.Call.Name))
        {
            Error(DiagnosticCodes.WrongKind, call.Span, $"'{call.Call.Name}' is a built-in function with no effect; it cannot be a statement");
            return;
        }
        var function = ResolveFunction(call.Call, context);
        if (function is null) return;
        var args = BindArguments(call.Call.Arguments, function.Parameters, call.Span, $"function '{call.Call.Name}'", context);
        if (args is null || function.Decl is null) return;
        output.Add(new CallStmt(function.Decl, args.Value, call.Span));
    }

    /// <summary>True when control cannot fall off the end of the statement list (every path returns, traps or halts).</summary>
    internal static bool AlwaysExits(ImmutableArray<Stmt> statements) => statements.Any(AlwaysExits);

    private static bool AlwaysExits(Stmt stmt) => stmt switch
    {
        ReturnStmt or TrapStmt or HaltStmt => true,
        Block b => AlwaysExits(b.Statements),
        IfStmt i => AlwaysExits(i.Then.Statements) && AlwaysExits(i.Else.Statements),
        _ => false,
    };
}
