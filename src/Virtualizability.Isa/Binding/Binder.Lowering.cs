using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

/// <summary>Assignments, `match` and `for`: the statements the binder lowers to simpler IR.</summary>
internal sealed partial class Binder
{
    /// <summary>Iterations all `for` loops of one spec may unroll to in total, so a spec cannot blow up memory.</summary>
    private const int UnrollBudget = 1_000_000;

    private int _unrolled;
    private int _temporaries;

    private void BindAssign(AssignSyntax assign, List<Stmt> output, BindContext context)
    {
        switch (assign.Target)
        {
            case NameSyntax name:
            {
                var symbol = Lookup(name.Name, context);
                switch (symbol)
                {
                    case LocalSymbol { Local.Kind: LocalKind.Var } v:
                        output.Add(new AssignLocalStmt(v.Local, BindValueFor(assign.Value, v.Local.Type, context), assign.Span));
                        return;
                    case RegisterSymbol { Decl.IsFile: false } r:
                        output.Add(new RegisterWriteStmt(r.Decl, null, BindValueFor(assign.Value, r.Decl.Type, context), assign.Span));
                        return;
                    case null:
                        Error(DiagnosticCodes.UnknownName, name.Span, $"unknown name '{name.Name}'");
                        break;
                    case LocalSymbol or ConstSymbol or LoopVariableSymbol:
                        Error(DiagnosticCodes.NotAssignable, name.Span, $"'{name.Name}' is {symbol.Described} and cannot be assigned"
                            + (symbol is LocalSymbol { Local.Kind: LocalKind.Let } ? " (declare it with 'var' to assign it)" : ""));
                        break;
                    default:
                        Error(DiagnosticCodes.WrongKind, name.Span, symbol is RegisterSymbol
                            ? $"'{name.Name}' is a register file: say which entry, as in {name.Name}[i] := ..."
                            : $"'{name.Name}' is {symbol.Described} and cannot be assigned");
                        break;
                }
                BindExpr(assign.Value, null, context);
                return;
            }
            case IndexSyntax index when Lookup(index.Name, context) is RegisterSymbol { Decl.IsFile: true } file:
            {
                var i = BindFileIndex(file.Decl, index, context);
                var value = BindValueFor(assign.Value, file.Decl.Type, context);
                if (i is not null) output.Add(new RegisterWriteStmt(file.Decl, i, value, assign.Span));
                return;
            }
            case IndexSyntax index when Lookup(index.Name, context) is MemorySymbol memory:
            {
                var access = BindMemoryAccess(memory.Decl, index, context);
                var cells = access?.Cells ?? 1;
                var value = BindValueFor(assign.Value, IrType.Bits(memory.Decl.CellWidth * cells), context);
                if (access is { } a) output.Add(new MemoryWriteStmt(memory.Decl, a.Address, a.Cells, value, assign.Span));
                return;
            }
            case FieldAccessSyntax field:
                BindFieldWrite(field, assign, output, context);
                return;
            default:
                Error(DiagnosticCodes.NotAssignable, assign.Target.Span,
                    "only a var, a register, a register-file entry, memory or a register field can be assigned");
                BindExpr(assign.Target, null, context);
                BindExpr(assign.Value, null, context);
                return;
        }
    }

    private Expr BindValueFor(ExprSyntax value, IrType type, BindContext context) =>
        Coerce(BindExpr(value, type, context), type, value.Span);

    /// <summary>`R.F := v` becomes `R := R[hi..] ++ v ++ R[..lo]`, evaluating v (and the entry index) only once.</summary>
    private void BindFieldWrite(FieldAccessSyntax target, AssignSyntax assign, List<Stmt> output, BindContext context)
    {
        var resolved = ResolveField(target, context);
        if (resolved is not { } f)
        {
            BindExpr(assign.Value, null, context);
            return;
        }
        var span = assign.Span;
        var index = f.Index is null ? null : Stable(f.Index, output, context);
        var value = Stable(BindValueFor(assign.Value, IrType.Bits(f.Field.Width), context), output, context);
        Expr Read() => new RegisterReadExpr(f.Register, index, span);
        Expr composed = value;
        if (f.Field.High < f.Register.Width - 1)
            composed = new ConcatExpr(new ExtractExpr(Read(), f.Register.Width - 1, f.Field.High + 1, span), composed, span);
        if (f.Field.Low > 0)
            composed = new ConcatExpr(composed, new ExtractExpr(Read(), f.Field.Low - 1, 0, span), span);
        output.Add(new RegisterWriteStmt(f.Register, index, composed, span));
    }

    /// <summary>
    /// An expression that may be evaluated more than once: calls can have effects, so a value containing one is
    /// first stored in a fresh `let`.
    /// </summary>
    private Expr Stable(Expr expr, List<Stmt> output, BindContext context)
    {
        if (!ContainsCall(expr)) return expr;
        string name;
        do name = $"__tmp{++_temporaries}"; while (Lookup(name, context) is not null);
        var local = new Local(name, expr.Type, LocalKind.Let, expr.Span);
        context.Scope.Add(new LocalSymbol(local));
        output.Add(new LetStmt(local, expr, expr.Span));
        return new LocalExpr(local, expr.Span);
    }

    private static bool ContainsCall(Expr expr) => expr is CallExpr || ExprOperands.Of(expr).Any(ContainsCall);

    /// <summary>`match` becomes an if/else-if chain of `==` tests; `_` is the final else.</summary>
    private void BindMatch(MatchSyntax match, List<Stmt> output, BindContext context)
    {
        if (context.Depth + match.Arms.Length > Parser.MaxDepth)
        {
            Error(DiagnosticCodes.NestingTooDeep, match.Span,
                $"this match has {match.Arms.Length} arms; lowered to an if chain it would nest deeper than {Parser.MaxDepth} levels");
            return;
        }
        var scrutinee = BindExpr(match.Scrutinee, null, context);
        if (scrutinee.IsIr) scrutinee = BoundValue.Of(Stable(scrutinee.Expr!, output, context));
        Block? otherwise = null;
        var tests = new List<(Expr Condition, Block Body, SourceSpan Span)>();
        for (var i = 0; i < match.Arms.Length; i++)
        {
            var arm = match.Arms[i];
            if (otherwise is not null)
            {
                Error(DiagnosticCodes.SyntaxError, arm.Span, "this arm follows the default arm '_' and can never be chosen");
                continue;
            }
            Expr? condition = null;
            foreach (var pattern in arm.Patterns)
            {
                var p = BindExpr(pattern, scrutinee.IsIr ? scrutinee.Expr!.Type : null, context);
                var test = CompareValues(scrutinee, p, match.Scrutinee, pattern, context);
                if (test is null) continue;
                condition = condition is null ? test : new BinaryExpr(BinaryOp.LogicalOr, condition, test, IrType.Bool, pattern.Span);
            }
            context.Depth++;
            var body = ArmBlock(arm.Body, context);
            context.Depth--;
            if (arm.Patterns.IsEmpty) otherwise = body;
            else tests.Add((condition ?? new ConstExpr(0, IrType.Bool, arm.Span), body, arm.Span));
        }
        var chain = otherwise ?? Block.Empty(match.Span);
        for (var i = tests.Count - 1; i >= 0; i--)
        {
            var ifs = new IfStmt(tests[i].Condition, tests[i].Body, chain, i == 0 ? match.Span : tests[i].Span);
            chain = i == 0 ? new Block([ifs], match.Span) : new Block([ifs], tests[i].Span);
        }
        output.AddRange(chain.Statements.IsEmpty ? [] : tests.Count == 0 ? [chain] : chain.Statements);
    }

    private Block ArmBlock(StmtSyntax body, BindContext context) =>
        body is BlockSyntax block ? BindBlock(block, context) : BindBlock(new BlockSyntax([body], body.Span), context);

    private Expr? CompareValues(BoundValue scrutinee, BoundValue pattern, ExprSyntax scrutineeSyntax, ExprSyntax patternSyntax, BindContext context)
    {
        if (scrutinee.IsError || pattern.IsError) return null;
        if (scrutinee.IsInteger && pattern.IsInteger)
            return new ConstExpr(scrutinee.Integer == pattern.Integer ? 1UL : 0UL, IrType.Bool, patternSyntax.Span);
        var pair = Unify(scrutinee, pattern, scrutineeSyntax, patternSyntax, "a match pattern");
        if (pair is not { } p) return null;
        if (p.Left.Type.IsBool)
        {
            Error(DiagnosticCodes.OperatorNotApplicable, patternSyntax.Span, "match compares bit-vectors, not bools");
            return null;
        }
        return new BinaryExpr(BinaryOp.Eq, p.Left, p.Right, IrType.Bool, patternSyntax.Span);
    }

    /// <summary>`for i in a .. b { ... }` is unrolled into one block per value, with i a compile-time integer.</summary>
    private void BindFor(ForSyntax loop, List<Stmt> output, BindContext context)
    {
        var from = ConstantIntIn2(loop.From, context);
        var to = ConstantIntIn2(loop.To, context);
        if (from is null || to is null) return;
        var count = to.Value - from.Value + 1;
        if (count <= 0) return;
        if (count > UnrollBudget - _unrolled)
        {
            Error(DiagnosticCodes.LoopTooLarge, loop.Span,
                $"unrolling this loop ({count} iterations) would exceed the budget of {UnrollBudget} unrolled iterations per spec");
            return;
        }
        _unrolled += (int)count;
        for (var i = from.Value; i <= to.Value; i++)
        {
            var outer = context.Scope;
            context.Scope = new Scope(outer);
            var existing = Lookup(loop.Variable, context);
            if (existing is not null && i == from.Value)
                Error(DiagnosticCodes.DuplicateName, loop.VariableSpan, $"'{loop.Variable}' is already declared as {existing.Described} at {existing.Span}");
            context.Scope.Add(new LoopVariableSymbol(loop.Variable, loop.VariableSpan, i));
            var errors = _diagnostics.ErrorCount;
            output.Add(BindBlock(loop.Body, context));
            context.Scope = outer;
            if (_diagnostics.ErrorCount > errors) return; // one report, not one per iteration
        }
    }

    private Int128? ConstantIntIn2(ExprSyntax syntax, BindContext context)
    {
        var value = BindExpr(syntax, null, context);
        if (value.IsError) return null;
        if (value.IsInteger) return value.Integer;
        Error(DiagnosticCodes.NotConstant, syntax.Span, "a loop bound must be a compile-time integer");
        return null;
    }
}
