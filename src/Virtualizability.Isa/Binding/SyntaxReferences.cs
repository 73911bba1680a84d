using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

/// <summary>The functions a body calls and the exceptions it raises, by name, found before binding to order it.</summary>
internal sealed class SyntaxReferences
{
    public HashSet<string> Calls { get; } = [];
    public HashSet<string> Traps { get; } = [];

    public static SyntaxReferences Of(FnSyntax fn)
    {
        var refs = new SyntaxReferences();
        if (fn.Body is not null) refs.Visit(fn.Body);
        if (fn.ExprBody is not null) refs.Visit(fn.ExprBody);
        return refs;
    }

    public static SyntaxReferences Of(BlockSyntax block)
    {
        var refs = new SyntaxReferences();
        refs.Visit(block);
        return refs;
    }

    private void Visit(StmtSyntax stmt)
    {
        switch (stmt)
        {
            case BlockSyntax b: foreach (var s in b.Statements) Visit(s); break;
            case LetSyntax l: Visit(l.Value); break;
            case AssignSyntax a: Visit(a.Target); Visit(a.Value); break;
            case IfSyntax i:
                Visit(i.Condition);
                Visit(i.Then);
                if (i.Else is not null) Visit(i.Else);
                break;
            case MatchSyntax m:
                Visit(m.Scrutinee);
                foreach (var arm in m.Arms)
                {
                    foreach (var p in arm.Patterns) Visit(p);
                    Visit(arm.Body);
                }
                break;
            case ForSyntax f: Visit(f.From); Visit(f.To); Visit(f.Body); break;
            case RequireSyntax r:
                Visit(r.Condition);
                Traps.Add(r.Exception);
                foreach (var a in r.Arguments) Visit(a);
                break;
            case TrapSyntax t:
                Traps.Add(t.Exception);
                foreach (var a in t.Arguments) Visit(a);
                break;
            case ReturnSyntax { Value: { } v }: Visit(v); break;
            case CallStmtSyntax c: Visit(c.Call); break;
            case MoveSyntax m: Visit(m.By); break;
        }
    }

    private void Visit(ExprSyntax expr)
    {
        switch (expr)
        {
            case CallSyntax c:
                Calls.Add(c.Name);
                foreach (var a in c.Arguments) Visit(a);
                break;
            case IndexSyntax i: Visit(i.Index); if (i.Count is not null) Visit(i.Count); break;
            case SliceSyntax s: Visit(s.Operand); Visit(s.High); if (s.Low is not null) Visit(s.Low); break;
            case FieldAccessSyntax f: Visit(f.Operand); break;
            case UnarySyntax u: Visit(u.Operand); break;
            case BinarySyntax b: Visit(b.Left); Visit(b.Right); break;
            case IfExprSyntax i: Visit(i.Condition); Visit(i.Then); Visit(i.Else); break;
        }
    }
}
