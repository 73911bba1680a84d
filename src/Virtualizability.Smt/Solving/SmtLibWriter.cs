using System.Text;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Solving;

/// <summary>
/// Renders a query as a self-contained SMT-LIB 2 script: declarations of every free symbol, one define-fun per
/// subterm used more than once (symbolic states are DAGs; printing them as trees could be exponential), the
/// assertions, check-sat, and get-value for the free symbols followed by the observed terms.
/// </summary>
public static class SmtLibWriter
{
    public static string Write(Query query)
    {
        var roots = query.Assertions.Concat(query.Observed).ToList();
        var order = TermTraversal.PostOrder(roots);
        var shared = SharedSubterms(order, roots);
        string? NameOf(Term t) => shared.TryGetValue(t, out var n) ? n : null;

        var sb = new StringBuilder();
        sb.Append("; ").AppendLine(query.Name.ReplaceLineEndings(" "));
        sb.AppendLine("(set-option :produce-models true)");
        sb.Append("(set-logic ").Append(order.Any(t => t.Sort.IsArray) ? "QF_ABV" : "QF_BV").AppendLine(")");
        var variables = order.Where(t => t.Kind == TermKind.Var).ToList();
        foreach (var v in variables)
            sb.Append("(declare-fun ").Append(SmtLibTermPrinter.Symbol(v.Name!)).Append(" () ").Append(v.Sort).AppendLine(")");
        foreach (var t in order.Where(shared.ContainsKey))
            sb.Append("(define-fun ").Append(shared[t]).Append(" () ").Append(t.Sort).Append(' ')
              .Append(SmtLibTermPrinter.Print(t, NameOf)).AppendLine(")");
        foreach (var a in query.Assertions)
            sb.Append("(assert ").Append(SmtLibTermPrinter.Print(a, NameOf)).AppendLine(")");
        sb.AppendLine("(check-sat)");
        var requested = RequestedValues(query).ToList();
        if (requested.Count > 0)
            sb.Append("(get-value (").AppendJoin(' ', requested.Select(t => SmtLibTermPrinter.Print(t, NameOf))).AppendLine("))");
        return sb.ToString();
    }

    /// <summary>The terms whose values the script's get-value asks for, in order: free symbols, then observed terms.</summary>
    public static IEnumerable<Term> RequestedValues(Query query) => query.FreeVariables.Concat(query.Observed);

    public static void WriteFile(Query query, string path) => File.WriteAllText(path, Write(query));

    private static Dictionary<Term, string> SharedSubterms(List<Term> order, List<Term> roots)
    {
        var uses = new Dictionary<Term, int>();
        foreach (var t in order)
            foreach (var a in t.Args)
                uses[a] = uses.GetValueOrDefault(a) + 1;
        foreach (var r in roots) uses[r] = uses.GetValueOrDefault(r) + 1;
        return order.Where(t => t.Args.Length > 0 && uses.GetValueOrDefault(t) > 1)
            .ToDictionary(t => t, t => "%" + t.Id);
    }
}
