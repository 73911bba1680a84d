namespace Virtualizability.Smt.Terms;

public static class TermTraversal
{
    /// <summary>Every distinct subterm of the roots, children before parents (iterative: ite chains get deep).</summary>
    public static List<Term> PostOrder(IEnumerable<Term> roots) => PostOrder(roots, t => t.Args);

    /// <summary>
    /// The same traversal with the children of each term in the order <paramref name="children"/> gives (a canonical
    /// writer orders the operands of commutative terms).
    /// </summary>
    public static List<Term> PostOrder(IEnumerable<Term> roots, Func<Term, IReadOnlyList<Term>> children)
    {
        var order = new List<Term>();
        var visited = new HashSet<Term>();
        var stack = new Stack<(Term Term, bool Expanded)>();
        foreach (var root in roots)
        {
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (t, expanded) = stack.Pop();
                if (expanded) { order.Add(t); continue; }
                if (!visited.Add(t)) continue;
                stack.Push((t, true));
                var args = children(t);
                for (var i = args.Count - 1; i >= 0; i--)
                    if (!visited.Contains(args[i])) stack.Push((args[i], false));
            }
        }
        return order;
    }

    /// <summary>The free symbols of the roots, in first-occurrence order.</summary>
    public static List<Term> FreeVariables(IEnumerable<Term> roots) =>
        PostOrder(roots).Where(t => t.Kind == TermKind.Var).ToList();
}
