using System.Text;
using Virtualizability.Proofs.Simplification;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Solving;

/// <summary>
/// Writes a query as SMT-LIB 2 text that depends only on the query's structure, so that committed obligation files
/// can be compared with re-emitted ones. (Terms order the operands of = by their process-wide ids, and the shared
/// writer names shared subterms by id: both vary between runs.) Operands of = are put in the order of a structural
/// fingerprint, shared subterms are numbered in traversal order, and the script ends at check-sat (no get-value,
/// so that `z3 FILE` and `cvc5 FILE` print just the verdict).
/// </summary>
public static class CanonicalSmtLibWriter
{
    public static string Write(Query query, IEnumerable<string> headerLines)
    {
        var fingerprints = new StructuralFingerprints();
        var order = PostOrder(query.Assertions, fingerprints);
        var uses = new Dictionary<Term, int>();
        foreach (var t in order)
            foreach (var a in t.Args) uses[a] = uses.GetValueOrDefault(a) + 1;
        var names = new Dictionary<Term, string>();
        var text = new Dictionary<Term, string>();
        var sb = new StringBuilder();
        foreach (var line in headerLines) sb.Append("; ").AppendLine(line.ReplaceLineEndings(" "));
        sb.Append("(set-logic ").Append(order.Any(t => t.Sort.IsArray) ? "QF_ABV" : "QF_BV").AppendLine(")");
        foreach (var v in order.Where(t => t.Kind == TermKind.Var))
            sb.Append("(declare-fun ").Append(SmtLibTermPrinter.Symbol(v.Name!)).Append(" () ").Append(v.Sort).AppendLine(")");

        string Reference(Term t) => names.TryGetValue(t, out var n) ? n : text[t];
        foreach (var t in order)
        {
            var body = t.Kind == TermKind.Eq
                ? "(= " + string.Join(' ', Ordered(t, fingerprints).Select(Reference)) + ")"
                : SmtLibTermPrinter.Print(t, child => ReferenceEquals(child, t) ? null : Reference(child));
            if (t.Args.Length > 0 && uses.GetValueOrDefault(t) > 1)
            {
                var name = "%" + (names.Count + 1);
                sb.Append("(define-fun ").Append(name).Append(" () ").Append(t.Sort).Append(' ').Append(body).AppendLine(")");
                names[t] = name;
            }
            else text[t] = body;
        }
        foreach (var a in query.Assertions) sb.Append("(assert ").Append(Reference(a)).AppendLine(")");
        sb.AppendLine("(check-sat)");
        return sb.ToString();
    }

    // Children before parents, visiting the operands of = in fingerprint order.
    private static List<Term> PostOrder(IEnumerable<Term> roots, StructuralFingerprints fingerprints) =>
        TermTraversal.PostOrder(roots, t => t.Kind == TermKind.Eq ? Ordered(t, fingerprints).ToList() : t.Args);

    private static IEnumerable<Term> Ordered(Term eq, StructuralFingerprints fingerprints) => eq.Args.Order(Comparer<Term>.Create(fingerprints.Compare));
}
