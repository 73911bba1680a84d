using System.Numerics;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Isa.Binding;

/// <summary>
/// Static rules on the roles that every back end relies on but that the grammar cannot express:
/// <list type="bullet">
/// <item>`enter user`, `enter supervisor` and the `vmmap` body describe state changes, not executions: they (and the
/// functions they call) may not trap or halt (PG0086). The checker and the VMM apply them as total maps; before this rule
/// a trapping block was accepted and only `pgcheck check` failed, with an internal error.</item>
/// <item>The `supervisor when` and `user when` predicates decide the privilege level, which is P&amp;G's mode M: when the spec
/// declares a `mode` role, they may read only that state (PG0040). A predicate over other state (a typo such as
/// `D[0][13]` for `SR.S`) is flipped by ordinary instructions and not by the enter blocks, and every verdict built on
/// it is meaningless.</item>
/// </list>
/// </summary>
internal static class RoleBlockChecker
{
    public static void Check(Roles roles, VmMap? vmmap, Block reset, DiagnosticBag diagnostics)
    {
        NoTrapOrHalt(roles.EnterUser, "enter user", diagnostics);
        NoTrapOrHalt(roles.EnterSupervisor, "enter supervisor", diagnostics);
        if (vmmap is not null) NoTrapOrHalt(vmmap.Body, $"vmmap {vmmap.Name}", diagnostics);
        // Reset gives the machine's first state: every command starts from it, and a reset that traps has no state to give.
        NoTrapOrHalt(reset, "reset", diagnostics);
        PredicateIsPure(roles.Supervisor, "supervisor when", diagnostics);
        if (roles.UserPredicate is { } userPredicate) PredicateIsPure(userPredicate, "user when", diagnostics);
        if (roles.ModeState.IsEmpty) return;
        ReadsOnlyMode(roles.Supervisor, "supervisor when", roles, diagnostics);
        if (roles.UserPredicate is { } user) ReadsOnlyMode(user, "user when", roles, diagnostics);
    }

    // ---- PG0086: role blocks are total ----

    private static void NoTrapOrHalt(Block block, string what, DiagnosticBag diagnostics)
    {
        var found = FirstTrapOrHalt(block, [], new HashSet<FunctionDecl>());
        if (found is not { } f) return;
        var via = f.Path.Count == 0 ? "" : $" (through {string.Join(" -> ", f.Path)})";
        diagnostics.Error(DiagnosticCodes.RoleBlockCanTrap, f.Span,
            $"the '{what}' block can {f.What}{via}; role blocks describe a change of state and must always complete");
    }

    private readonly record struct Found(SourceSpan Span, string What, List<string> Path);

    private static Found? FirstTrapOrHalt(Block block, List<string> path, HashSet<FunctionDecl> seen)
    {
        foreach (var stmt in block.Statements)
            if (FirstTrapOrHalt(stmt, path, seen) is { } f) return f;
        return null;
    }

    private static Found? FirstTrapOrHalt(Stmt stmt, List<string> path, HashSet<FunctionDecl> seen) => stmt switch
    {
        TrapStmt t => new Found(t.Span, $"trap ({t.Exception.Name})", path),
        HaltStmt h => new Found(h.Span, "halt", path),
        Block b => FirstTrapOrHalt(b, path, seen),
        IfStmt i => InExpr(i.Condition, path, seen) ?? FirstTrapOrHalt(i.Then, path, seen) ?? FirstTrapOrHalt(i.Else, path, seen),
        CallStmt c => InExprs(c.Arguments, path, seen) ?? InCall(c.Function, c.Span, path, seen),
        LetStmt l => InExpr(l.Value, path, seen),
        AssignLocalStmt a => InExpr(a.Value, path, seen),
        RegisterWriteStmt w => (w.Index is null ? null : InExpr(w.Index, path, seen)) ?? InExpr(w.Value, path, seen),
        MemoryWriteStmt m => InExpr(m.Address, path, seen) ?? InExpr(m.Value, path, seen),
        ReturnStmt { Value: { } v } => InExpr(v, path, seen),
        _ => null,
    };

    private static Found? InExprs(IEnumerable<Expr> exprs, List<string> path, HashSet<FunctionDecl> seen)
    {
        foreach (var e in exprs)
            if (InExpr(e, path, seen) is { } f) return f;
        return null;
    }

    private static Found? InExpr(Expr expr, List<string> path, HashSet<FunctionDecl> seen) =>
        (expr is CallExpr call ? InCall(call.Function, call.Span, path, seen) : null) ?? InExprs(ExprOperands.Of(expr), path, seen);

    private static Found? InCall(FunctionDecl function, SourceSpan site, List<string> path, HashSet<FunctionDecl> seen)
    {
        // A function already searched (or recursive, which the binder reports on its own) adds nothing new.
        if (!seen.Add(function)) return null;
        // The diagnostic points at the call in the role block; the path names the functions down to the trap.
        var inner = FirstTrapOrHalt(function.Body, [.. path, function.Name], seen);
        return inner is { } f && path.Count == 0 ? f with { Span = site } : inner;
    }

    // ---- PG0086, PG0087, PG0088: the privilege predicates are conditions on the registers ----

    /// <summary>
    /// A predicate is evaluated on every state every back end looks at: it may not trap or halt (PG0086), write state
    /// (PG0087) or read memory (PG0088). The executable model used to stop with an internal error on the first two, and the
    /// checker with "the twin state does not flip the supervisor predicate" on the third: the enter blocks, which the
    /// checker uses to flip the privilege level, change registers, never storage.
    /// </summary>
    private static void PredicateIsPure(Expr predicate, string what, DiagnosticBag diagnostics)
    {
        if (InExpr(predicate, [], new HashSet<FunctionDecl>()) is { } f)
        {
            var via = f.Path.Count == 0 ? "" : $" (through {string.Join(" -> ", f.Path)})";
            diagnostics.Error(DiagnosticCodes.RoleBlockCanTrap, f.Span,
                $"the '{what}' predicate can {f.What}{via}; a privilege predicate is a condition on the state and must always give a value");
        }
        var writeReported = false;
        var memoryReported = new HashSet<MemoryDecl>();
        foreach (var (node, path) in Reachable(predicate))
        {
            switch (node)
            {
                case RegisterWriteStmt or MemoryWriteStmt when !writeReported:
                    writeReported = true;
                    var name = node is RegisterWriteStmt w ? w.Register.Name : ((MemoryWriteStmt)node).Memory.Name;
                    diagnostics.Error(DiagnosticCodes.PredicateWritesState, ((Stmt)node).Span,
                        $"the '{what}' predicate writes {name} (through {string.Join(" -> ", path)}); a privilege predicate only reads the state");
                    break;
                case MemoryReadExpr m when memoryReported.Add(m.Memory):
                    diagnostics.Error(DiagnosticCodes.PredicateReadsMemory, m.Span,
                        $"the '{what}' predicate reads memory {m.Memory.Name}{(path.Count == 0 ? "" : $" (through {string.Join(" -> ", path)})")}; " +
                        "the privilege level must be a function of registers, the state the 'enter' blocks set");
                    break;
            }
        }
    }

    /// <summary>Every statement and expression an expression may evaluate, called functions' bodies included (each once), with the call path.</summary>
    private static IEnumerable<(object Node, List<string> Path)> Reachable(Expr root)
    {
        var seen = new HashSet<FunctionDecl>();
        var work = new Stack<(object Node, List<string> Path)>();
        work.Push((root, []));
        while (work.Count > 0)
        {
            var (node, path) = work.Pop();
            yield return (node, path);
            switch (node)
            {
                case CallExpr call when seen.Add(call.Function):
                    work.Push((call.Function.Body, [.. path, call.Function.Name]));
                    break;
                case CallStmt call when seen.Add(call.Function):
                    work.Push((call.Function.Body, [.. path, call.Function.Name]));
                    break;
            }
            IEnumerable<object> children = node switch
            {
                Expr e => ExprOperands.Of(e),
                Block b => b.Statements,
                IfStmt i => [i.Condition, i.Then, i.Else],
                CallStmt c => c.Arguments,
                LetStmt l => [l.Value],
                AssignLocalStmt a => [a.Value],
                RegisterWriteStmt w => w.Index is null ? [w.Value] : [w.Index, w.Value],
                MemoryWriteStmt m => [m.Address, m.Value],
                ReturnStmt { Value: { } v } => [v],
                TrapStmt t => t.Arguments,
                _ => [],
            };
            foreach (var child in children) work.Push((child, path));
        }
    }

    // ---- PG0040: the privilege predicates read only the mode state ----

    private static void ReadsOnlyMode(Expr predicate, string what, Roles roles, DiagnosticBag diagnostics)
    {
        var reported = new HashSet<string>();
        foreach (var read in Reads(predicate, new HashSet<FunctionDecl>()))
        {
            if (Covered(read, roles.ModeState)) continue;
            var name = read.Register.Name + (read.Entry is { } e ? $"[{e}]" : read.Register.IsFile ? "[...]" : "");
            var bits = read.Bits == Whole(read.Register) ? "" : " " + BitRange(read.Bits);
            if (!reported.Add(name + bits)) continue;
            diagnostics.Error(DiagnosticCodes.PredicateOutsideMode, read.Span,
                $"the '{what}' predicate reads {name}{bits}, which is not in the 'mode' role; the privilege level is the mode M, " +
                "so the predicate must read only mode state (add it to 'mode', or read the mode register)");
        }
    }

    private readonly record struct Read(RegisterDecl Register, int? Entry, ulong Bits, SourceSpan Span);

    private static ulong Whole(RegisterDecl r) => r.Width >= 64 ? ulong.MaxValue : (1UL << r.Width) - 1;

    private static ulong Range(int high, int low) => (high >= 63 ? ulong.MaxValue : (1UL << (high + 1)) - 1) & ~((1UL << low) - 1);

    private static string BitRange(ulong bits)
    {
        var low = BitOperations.TrailingZeroCount(bits);
        var high = 63 - BitOperations.LeadingZeroCount(bits);
        return high == low ? $"bit {high}" : $"bits {high} .. {low}";
    }

    /// <summary>Register reads of an expression, with the bits a slice keeps (a bare read reads every bit).</summary>
    private static IEnumerable<Read> Reads(Expr expr, HashSet<FunctionDecl> seen)
    {
        switch (expr)
        {
            case ExtractExpr { Operand: RegisterReadExpr r } x:
                yield return new Read(r.Register, EntryOf(r), Range(x.High, x.Low) & Whole(r.Register), r.Span);
                if (r.Index is { } sliced) foreach (var inner in Reads(sliced, seen)) yield return inner;
                yield break;
            case RegisterReadExpr r:
                yield return new Read(r.Register, EntryOf(r), Whole(r.Register), r.Span);
                break;
            case CallExpr call when seen.Add(call.Function):
                foreach (var inner in BodyReads(call.Function.Body, seen)) yield return inner;
                break;
        }
        foreach (var operand in ExprOperands.Of(expr))
            foreach (var inner in Reads(operand, seen)) yield return inner;
    }

    private static IEnumerable<Read> BodyReads(Block block, HashSet<FunctionDecl> seen)
    {
        foreach (var stmt in block.Statements)
        {
            IEnumerable<Expr> exprs = stmt switch
            {
                LetStmt l => [l.Value],
                AssignLocalStmt a => [a.Value],
                ReturnStmt { Value: { } v } => [v],
                IfStmt i => [i.Condition],
                _ => [],
            };
            foreach (var e in exprs)
                foreach (var read in Reads(e, seen)) yield return read;
            IEnumerable<Block> nested = stmt switch
            {
                IfStmt i => [i.Then, i.Else],
                Block b => [b],
                _ => [],
            };
            foreach (var b in nested)
                foreach (var read in BodyReads(b, seen)) yield return read;
        }
    }

    private static int? EntryOf(RegisterReadExpr r) => r.Index is ConstExpr c ? (int)c.Value : null;

    /// <summary>True when every entry the read may touch has all its read bits in the mode role.</summary>
    private static bool Covered(Read read, IEnumerable<StateRef> mode)
    {
        var entries = read.Entry is { } e ? [e] : Enumerable.Range(0, read.Register.IsFile ? read.Register.Count : 1);
        foreach (var entry in entries)
        {
            var covered = 0UL;
            foreach (var m in mode)
            {
                if (!ReferenceEquals(m.Register, read.Register)) continue;
                if (m.Index is { } i && i != entry) continue;
                covered |= m.Field is { } f ? Range(f.High, f.Low) : Whole(m.Register);
            }
            if ((read.Bits & ~covered) != 0) return false;
        }
        return true;
    }
}
