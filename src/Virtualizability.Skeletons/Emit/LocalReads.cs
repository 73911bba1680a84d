using Virtualizability.Isa.Ir;

namespace Virtualizability.Skeletons.Emit;

/// <summary>Which locals a method body reads, and whether an expression calls a function (has effects).</summary>
internal static class LocalReads
{
    public static HashSet<Local> In(IEnumerable<Stmt> statements)
    {
        var read = new HashSet<Local>();
        foreach (var statement in statements) Visit(statement, read);
        return read;
    }

    public static bool HasCall(Expr expr) => expr is CallExpr || ExprOperands.Of(expr).Any(HasCall);

    private static void Visit(Stmt statement, HashSet<Local> read)
    {
        switch (statement)
        {
            case Block block:
                foreach (var s in block.Statements) Visit(s, read);
                break;
            case LetStmt let: Expr(let.Value, read); break;
            case AssignLocalStmt assign: Expr(assign.Value, read); break;
            case RegisterWriteStmt write:
                if (write.Index is { } index) Expr(index, read);
                Expr(write.Value, read);
                break;
            case MemoryWriteStmt write:
                Expr(write.Address, read);
                Expr(write.Value, read);
                break;
            case IfStmt conditional:
                Expr(conditional.Condition, read);
                Visit(conditional.Then, read);
                Visit(conditional.Else, read);
                break;
            case TrapStmt trap:
                foreach (var a in trap.Arguments) Expr(a, read);
                break;
            case ReturnStmt { Value: { } value }: Expr(value, read); break;
            case CallStmt call:
                foreach (var a in call.Arguments) Expr(a, read);
                break;
        }
    }

    private static void Expr(Expr expr, HashSet<Local> read)
    {
        if (expr is LocalExpr local) read.Add(local.Local);
        foreach (var operand in ExprOperands.Of(expr)) Expr(operand, read);
    }
}
