using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Isa.Binding;

/// <summary>
/// Every back end inlines calls and trap entries, so a body's real size is its own nodes plus, for each call site,
/// the inlined size of the callee. Forty functions that each call the previous one twice are 2^40 nodes: the front
/// end accepted them in a blink, and `check` or `vmm generate` then never finished. Sizes are counted callees first
/// (the order the binder binds them in, so no recursion over call chains), saturating instead of overflowing, and a
/// body over <see cref="MaxNodes"/> is reported (PG0089) where it first exceeds it: a caller of a reported function
/// is not reported again.
/// </summary>
internal sealed class InlineBudget(DiagnosticBag diagnostics)
{
    /// <summary>Inlined IR nodes per body: a hundred times the largest in isa-specs/ (s360 and x86-protected, about 10,000 before locals were weighted).</summary>
    public const long MaxNodes = 1_000_000;

    private readonly Dictionary<object, long> _size = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _over = new(ReferenceEqualityComparer.Instance);

    public void Add(FunctionDecl function) => Measure(function, function.Body, $"function '{function.Name}'", function.Span);

    public void Add(ExceptionDecl exception) => Measure(exception, exception.Entry, $"the entry of exception '{exception.Name}'", exception.Span);

    /// <summary>Checks a body that nothing calls (an instruction, a hook, a role block).</summary>
    public void Check(Block body, string what, SourceSpan span) => Measure(body, body, what, span);

    private void Measure(object key, Block body, string what, SourceSpan span)
    {
        var calleeOver = false;
        var size = Size(body, ref calleeOver);
        _size[key] = size;
        if (calleeOver) _over.Add(key);
        else if (size > MaxNodes)
        {
            _over.Add(key);
            var amount = size == long.MaxValue ? "more than 2^63" : size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            diagnostics.Error(DiagnosticCodes.InlinedCodeTooLarge, span,
                $"{what} would be {amount} IR nodes with its calls inlined (a local counts {LocalWeight}), more than the limit of " +
                $"{MaxNodes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}; every back end inlines calls and " +
                "compiles a body as one unit, so a function that calls another several times multiplies its size and every let is a local");
        }
    }

    /// <summary>Nodes a local counts for: <see cref="MaxNodes"/> / <see cref="LocalWeight"/> locals stay well under 65,535.</summary>
    private const long LocalWeight = 25;

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private long Callee(object callee, ref bool calleeOver)
    {
        if (_over.Contains(callee)) calleeOver = true;
        // A callee not measured yet is part of a cycle, which the binder has reported as recursion.
        return _size.GetValueOrDefault(callee);
    }

    private long Size(Stmt stmt, ref bool calleeOver)
    {
        // A let or var is a local of the compiled method as well as a node: weighted so that the node limit also keeps
        // a body under the 65,535 locals a .NET method may have (100,000 lets made `exec` fail with InvalidProgramException).
        long n = stmt is LetStmt ? LocalWeight : 1;
        switch (stmt)
        {
            case Block b:
                foreach (var s in b.Statements) n = Add(n, Size(s, ref calleeOver));
                break;
            case LetStmt l: n = Add(n, Size(l.Value, ref calleeOver)); break;
            case AssignLocalStmt a: n = Add(n, Size(a.Value, ref calleeOver)); break;
            case RegisterWriteStmt w:
                if (w.Index is { } index) n = Add(n, Size(index, ref calleeOver));
                n = Add(n, Size(w.Value, ref calleeOver));
                break;
            case MemoryWriteStmt m: n = Add(n, Add(Size(m.Address, ref calleeOver), Size(m.Value, ref calleeOver))); break;
            case IfStmt i:
                n = Add(n, Size(i.Condition, ref calleeOver));
                n = Add(n, Add(Size(i.Then, ref calleeOver), Size(i.Else, ref calleeOver)));
                break;
            case TrapStmt t:
                foreach (var a in t.Arguments) n = Add(n, Size(a, ref calleeOver));
                n = Add(n, Callee(t.Exception, ref calleeOver));
                break;
            case ReturnStmt { Value: { } v }: n = Add(n, Size(v, ref calleeOver)); break;
            case CallStmt c:
                foreach (var a in c.Arguments) n = Add(n, Add(LocalWeight, Size(a, ref calleeOver)));
                n = Add(n, Callee(c.Function, ref calleeOver));
                break;
        }
        return n;
    }

    private long Size(Expr expr, ref bool calleeOver)
    {
        long n = expr is CallExpr call ? Add(1 + LocalWeight * call.Arguments.Length, Callee(call.Function, ref calleeOver)) : 1;
        foreach (var operand in ExprOperands.Of(expr)) n = Add(n, Size(operand, ref calleeOver));
        return n;
    }
}
