using Virtualizability.Proofs.Obligations;
using Virtualizability.Smt.Solving;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Simplification;

/// <summary>
/// Ackermann's reduction of the memories an obligation only reads: where a free array symbol A occurs only as the
/// array of reads A[i] (no store, shift or array equality left after simplification), each distinct read A[i] becomes
/// a fresh bit-vector symbol <c>A@k</c>, and for every two reads of one array the query asserts
/// i = j → A@k = A@l. That is equisatisfiable with the original (a model of the reduced query gives the array that
/// maps each read index to its symbol's value, and a model of the original gives the symbols' values), and it leaves
/// a pure bit-vector query (QF_BV): cvc5 then bit-blasts it eagerly (`--bitblast=eager`, which it refuses with arrays),
/// z3 is about as fast as on the array form.
/// <para>Counterexample rows read the memories directly (at the compared address, after a step's stores): they get A
/// replaced by the stores of every read index's symbol into a zero array — in a model of the reduced query the array
/// the model stands for.</para>
/// </summary>
public static class MemoryReadElimination
{
    public static Obligation Apply(Obligation obligation, StructuralFingerprints order)
    {
        var assertions = obligation.Negation.Assertions;
        var all = TermTraversal.PostOrder(assertions);
        var arrays = all.Where(t => t.Kind == TermKind.Var && t.Sort.IsArray).ToHashSet();
        // Only arrays that nothing but a read uses: a store, shift or array equality needs the array theory.
        var otherUses = all.Where(t => t.Kind != TermKind.Select).SelectMany(t => t.Args).Concat(assertions).Where(arrays.Contains).ToHashSet();
        arrays.ExceptWith(otherUses);
        if (arrays.Count == 0) return obligation;

        // Which reads there are (the rewriter keeps them: no definition), then run-independent names: the reads in
        // the order of their structure, numbered per array; then the same rewrite with the reads replaced.
        var found = new HashSet<(Term Array, Term Index)>();
        var survey = new TermRewriter(order: order, baseRead: (array, index) =>
        {
            if (arrays.Contains(array)) found.Add((array, index));
            return null;
        });
        foreach (var a in assertions) survey.Rewrite(a);
        var reads = found.OrderBy(r => r.Array.Name, StringComparer.Ordinal).ThenBy(r => r.Index, Comparer<Term>.Create(order.Compare)).ToList();
        var names = new Dictionary<(Term, Term), Term>();
        foreach (var group in reads.GroupBy(r => r.Array))
        {
            var k = 0;
            foreach (var read in group) names[read] = Term.Var($"{group.Key.Name}@{k++}", read.Array.Sort.ElementSort);
        }
        // The second rewrite meets a read with its index's reads replaced: register each read under that index,
        // inner reads (smaller terms) first.
        var symbols = new Dictionary<(Term, Term), Term>();
        var reduced = new TermRewriter(order: order, baseRead: (array, index) => symbols.GetValueOrDefault((array, index)));
        foreach (var read in reads.OrderBy(r => TermTraversal.PostOrder([r.Index]).Count))
            symbols[(read.Array, reduced.Rewrite(read.Index))] = names[read];
        // Over the indices as the reduced formula has them (not rewritten again: a normalized difference of two sums
        // would be new terms, and z3 measurably slower on them).
        var congruence = reads.GroupBy(r => r.Array).SelectMany(group =>
        {
            var list = group.ToList();
            return list.SelectMany((a, i) => list.Skip(i + 1).Select(b =>
                Term.Implies(Term.Eq(reduced.Rewrite(a.Index), reduced.Rewrite(b.Index)), Term.Eq(names[a], names[b]))));
        });
        List<Term> newAssertions = [.. assertions.Select(reduced.Rewrite), .. congruence];
        // A read the second rewrite met under another index (the rewriter is not idempotent everywhere) is still there:
        // keep the array form rather than a query that is not equivalent.
        if (TermTraversal.PostOrder(newAssertions).Any(t => t.Kind == TermKind.Select && arrays.Contains(t.Args[0]))) return obligation;

        var stands = arrays.ToDictionary(a => a, a => reads.Where(r => r.Array == a)
            .Aggregate(Term.ConstArray(a.Sort.IndexWidth, Term.Bv(0, a.Sort.Width)), (m, r) => Term.Store(m, reduced.Rewrite(r.Index), names[r])));
        var rows = new TermRewriter(order: order, substitution: stands);
        return obligation with
        {
            Negation = obligation.Negation with { Assertions = [.. newAssertions.Where(t => !t.IsTrue)] },
            Counterexample = [.. obligation.Counterexample.Select(section => section with
            {
                Rows = [.. section.Rows.Select(r => r with { Left = rows.Rewrite(r.Left), Right = rows.Rewrite(r.Right) })],
            })],
        };
    }
}
