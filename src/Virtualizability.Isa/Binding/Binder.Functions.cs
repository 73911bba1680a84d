using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

internal sealed partial class Binder
{
    /// <summary>
    /// Functions and exception entries refer to each other (a function traps, an entry calls a helper), and IR
    /// nodes point at finished declarations, so they are bound callees first. A cycle is recursion, which no back
    /// end could inline: it is reported, and the members of the cycle are bound without their cyclic references.
    /// </summary>
    private void BindFunctionsAndExceptions()
    {
        var nodes = new List<Symbol>();
        nodes.AddRange(_functions);
        nodes.AddRange(_exceptions);
        var id = new Dictionary<Symbol, int>();
        for (var i = 0; i < nodes.Count; i++) id[nodes[i]] = i;
        var edges = new List<int>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var refs = nodes[i] is FunctionSymbol f ? SyntaxReferences.Of(f.Syntax) : SyntaxReferences.Of(((ExceptionSymbol)nodes[i]).Syntax.Body);
            edges[i] = [];
            foreach (var name in refs.Calls)
                if (_globals.GetValueOrDefault(name) is FunctionSymbol callee && id.TryGetValue(callee, out var c)) edges[i].Add(c);
            foreach (var name in refs.Traps)
                if (_globals.GetValueOrDefault(name) is ExceptionSymbol raised && id.TryGetValue(raised, out var e)) edges[i].Add(e);
        }

        foreach (var i in PostOrder(nodes, edges))
        {
            switch (nodes[i])
            {
                case FunctionSymbol f:
                    f.Decl = BindFunction(f);
                    _inlineBudget.Add(f.Decl);
                    break;
                case ExceptionSymbol e:
                    var context = new BindContext(BodyKind.Exception, new Scope(null), null);
                    e.Decl = new ExceptionDecl(e.Name, e.Parameters, BindBody(e.Syntax.Body, context, e.Parameters), e.Index, e.Span);
                    _inlineBudget.Add(e.Decl);
                    break;
            }
        }
    }

    /// <summary>Depth-first post-order without recursion (call chains can be long); back edges are reported as recursion.</summary>
    private List<int> PostOrder(List<Symbol> nodes, List<int>[] edges)
    {
        var order = new List<int>();
        var state = new byte[nodes.Count]; // 0 new, 1 on stack, 2 done
        var stack = new Stack<(int Node, int Edge)>();
        for (var root = 0; root < nodes.Count; root++)
        {
            if (state[root] != 0) continue;
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (node, edge) = stack.Pop();
                if (edge < edges[node].Count)
                {
                    stack.Push((node, edge + 1));
                    var next = edges[node][edge];
                    if (state[next] == 0)
                    {
                        state[next] = 1;
                        stack.Push((next, 0));
                    }
                    else if (state[next] == 1)
                    {
                        var path = stack.Select(s => nodes[s.Node].Name).TakeWhile(n => n != nodes[next].Name).Reverse().ToList();
                        var cycle = string.Join(" -> ", new[] { nodes[next].Name }.Concat(path).Append(nodes[next].Name));
                        Error(DiagnosticCodes.Recursion, nodes[next].Span, $"'{nodes[next].Name}' is recursive ({cycle}); calls and traps may not form cycles");
                    }
                }
                else
                {
                    state[node] = 2;
                    order.Add(node);
                }
            }
        }
        return order;
    }

    private FunctionDecl BindFunction(FunctionSymbol f)
    {
        var context = new BindContext(BodyKind.Function, new Scope(null), f.ReturnType);
        var syntax = f.Syntax;
        Block body;
        if (syntax.ExprBody is not null)
        {
            foreach (var p in f.Parameters) DeclareLocal(p, context);
            var type = f.ReturnType ?? IrType.Bits(1);
            var value = Coerce(BindExpr(syntax.ExprBody, type, context), type, syntax.ExprBody.Span);
            body = new Block([new ReturnStmt(value, syntax.ExprBody.Span)], syntax.ExprBody.Span);
        }
        else
        {
            body = BindBody(syntax.Body!, context, f.Parameters);
            if (f.ReturnType is { } rt && !AlwaysExits(body.Statements))
                Error(DiagnosticCodes.MissingReturn, syntax.Body!.Span with { Line = syntax.Body.Span.EndLine, Column = syntax.Body.Span.EndColumn - 1 },
                    $"function '{f.Name}' returns {rt}, but control can reach the end of its body without a 'return'");
        }
        return new FunctionDecl(f.Name, f.Parameters, f.ReturnType, body, f.Span);
    }
}
