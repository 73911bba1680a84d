using System.Collections.Immutable;
using Virtualizability.Proofs.Simplification;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// The rewriter must give terms equal to the originals under every assignment (the obligations it simplifies are
/// proofs). Random terms over a few symbols and one memory, built from the operators the obligations use (sums,
/// comparisons, reads over writes, concatenations, ites), are compared with their rewrites by evaluation; the
/// symbols take values from a small set so that sums and addresses collide often.
/// </summary>
public sealed class TermRewriterTests
{
    private const int W = 8;
    private static readonly Term[] Symbols = [Term.BvVar("t.a", W), Term.BvVar("t.b", W), Term.BvVar("t.c", W)];
    private static readonly Term Memory = Term.Var("t.E", Sort.Array(W, W));

    [Fact]
    public void Rewritten_terms_evaluate_as_the_originals()
    {
        var random = new Random(2026);
        for (var round = 0; round < 300; round++)
        {
            var term = Bool(random, 4);
            var rewritten = new TermRewriter().Rewrite(term);
            for (var k = 0; k < 40; k++)
            {
                var assignment = Assignment(random);
                Assert.True(Evaluate(term, assignment).Equals(Evaluate(rewritten, assignment)), $"{term}\nrewritten to\n{rewritten}");
            }
        }
    }

    [Fact]
    public void Under_an_assumption_the_rewrite_agrees_where_the_assumption_holds()
    {
        var random = new Random(1974);
        for (var round = 0; round < 200; round++)
        {
            var atom = Term.ULe(Bv(random, 2), Bv(random, 2));
            if (atom.IsConst) continue;
            var term = Term.Ite(atom, Bool(random, 3), Term.And(atom, Bool(random, 3)));
            var value = random.Next(2) == 0;
            var rewritten = new TermRewriter(new Dictionary<Term, Term> { [atom] = Term.Bool(value) }).Rewrite(term);
            for (var k = 0; k < 60; k++)
            {
                var assignment = Assignment(random);
                if (((BoolValue)Evaluate(atom, assignment)).Value != value) continue;
                Assert.Equal(Evaluate(term, assignment), Evaluate(rewritten, assignment));
            }
        }
    }

    [Fact]
    public void Reads_over_writes_at_provably_equal_or_distinct_addresses_disappear()
    {
        var (a, b) = (Symbols[0], Symbols[1]);
        var written = Term.Store(Term.Store(Memory, Term.Add(a, b), Symbols[2]), Term.Add(Term.Add(b, a), Term.Bv(1, W)), Term.Bv(7, W));
        // (a + b + 1) − 1 is a + b: the newer write is at another address, the older one at this one.
        var read = Term.Select(written, Term.Sub(Term.Add(Term.Add(b, Term.Bv(1, W)), a), Term.Bv(1, W)));
        Assert.Same(Symbols[2], new TermRewriter().Rewrite(read));
        // b − a = −a + b, written either way round, is one term.
        var rewriter = new TermRewriter();
        Assert.Same(rewriter.Rewrite(Term.Eq(Term.Sub(b, a), Symbols[2])), rewriter.Rewrite(Term.Eq(Symbols[2], Term.Add(Term.Neg(a), b))));
    }

    [Fact]
    public void With_implied_literals_the_rewrite_agrees_wherever_the_clauses_hold()
    {
        var random = new Random(1973);
        var checkedAssignments = 0;
        for (var round = 0; round < 300; round++)
        {
            var atoms = Enumerable.Range(0, 3).Select(_ => Term.ULe(Bv(random, 1), Bv(random, 1))).Where(a => !a.IsConst).ToList();
            if (atoms.Count < 2) continue;
            Term Literal() => random.Next(2) == 0 ? atoms[random.Next(atoms.Count)] : Term.Not(atoms[random.Next(atoms.Count)]);
            var facts = Enumerable.Range(0, 2).Select(_ => Term.Or(Literal(), Literal())).ToList();
            var plain = new TermRewriter();
            var implied = new ImpliedLiterals(facts.Select(plain.Rewrite));
            // The shapes the rules look for (an ite whose else arm repeats its then arm under another condition, a
            // conjunction of literals and a formula) mixed with random terms.
            var (x, y) = (Bv(random, 2), Bv(random, 2));
            var term = Term.And(
                Term.Eq(Term.Ite(atoms[0], x, Term.Ite(atoms[1], y, x)), Bv(random, 2)),
                Term.Or(Term.And(Literal(), Bool(random, 3)), Term.Ite(Literal(), Bool(random, 2), Bool(random, 2))),
                Term.Not(Term.Eq(Term.Ite(Term.ULe(Symbols[0], Term.Ite(atoms[1], x, y)), x, Term.Ite(atoms[0], x, y)), y)));
            var rewritten = new TermRewriter(implied: implied).Rewrite(term);
            for (var k = 0; k < 60; k++)
            {
                var assignment = Assignment(random);
                if (!facts.All(f => ((BoolValue)Evaluate(f, assignment)).Value)) continue;
                checkedAssignments++;
                Assert.True(Evaluate(term, assignment).Equals(Evaluate(rewritten, assignment)), $"{term}\nrewritten to\n{rewritten}\nfacts {string.Join(", ", facts)}");
            }
        }
        Assert.True(checkedAssignments > 1000, $"only {checkedAssignments} assignments satisfied the clauses");
    }

    [Fact]
    public void A_substitution_evaluates_as_the_original_with_the_substituted_values()
    {
        var random = new Random(1957);
        for (var round = 0; round < 200; round++)
        {
            var term = Bool(random, 3);
            var value = Term.Add(Symbols[1], Term.Mul(Term.Bv(3, W), Symbols[2]));
            var rewritten = new TermRewriter(substitution: new Dictionary<Term, Term> { [Symbols[0]] = value }).Rewrite(term);
            for (var k = 0; k < 40; k++)
            {
                var assignment = Assignment(random);
                var substituted = new Dictionary<string, ModelValue>(assignment) { [Symbols[0].Name!] = Evaluate(value, assignment) };
                Assert.Equal(Evaluate(term, substituted), Evaluate(rewritten, assignment));
            }
        }
        Assert.Throws<ArgumentException>(() => new TermRewriter(substitution: new Dictionary<Term, Term> { [Symbols[0]] = Term.Add(Symbols[0], Symbols[1]) }));
    }

    private static Dictionary<string, ModelValue> Assignment(Random random)
    {
        var values = new Dictionary<string, ModelValue>();
        foreach (var s in Symbols) values[s.Name!] = new BitVecValue(Small(random), W);
        var entries = ImmutableSortedDictionary<ulong, ulong>.Empty;
        for (var i = 0; i < 6; i++) entries = entries.SetItem(Small(random), (ulong)random.Next(256));
        values[Memory.Name!] = new ArrayValue(W, W, (ulong)random.Next(256), entries);
        return values;
    }

    private static ulong Small(Random random) => (ulong)(random.Next(5) - 2) & 0xFF;

    private static ModelValue Evaluate(Term t, Dictionary<string, ModelValue> assignment) => TermEvaluator.Evaluate(t, assignment);

    private static Term Bool(Random random, int depth) => (depth <= 0 ? 0 : random.Next(7)) switch
    {
        0 => Term.Eq(Bv(random, depth - 1), Bv(random, depth - 1)),
        1 => Term.ULt(Bv(random, depth - 1), Bv(random, depth - 1)),
        2 => Term.And(Bool(random, depth - 1), Bool(random, depth - 1)),
        3 => Term.Or(Bool(random, depth - 1), Term.Not(Bool(random, depth - 1))),
        4 => Term.Ite(Bool(random, depth - 1), Bool(random, depth - 1), Bool(random, depth - 1)),
        5 => Term.Eq(Term.Concat(Bv(random, depth - 1), Bv(random, depth - 1)), random.Next(2) == 0
            ? Term.Concat(Bv(random, depth - 1), Bv(random, depth - 1))
            : Term.Bv((ulong)random.Next(65536), 2 * W)),
        _ => Term.Eq(Term.Select(Array(random, depth - 1), Bv(random, depth - 1)), Bv(random, depth - 1)),
    };

    private static Term Bv(Random random, int depth) => (depth <= 0 ? random.Next(2) : random.Next(9)) switch
    {
        0 => Symbols[random.Next(Symbols.Length)],
        1 => Term.Bv(Small(random), W),
        2 => Term.Add(Bv(random, depth - 1), Bv(random, depth - 1)),
        3 => Term.Sub(Bv(random, depth - 1), Bv(random, depth - 1)),
        4 => Term.Neg(Bv(random, depth - 1)),
        5 => Term.Mul(Term.Bv((ulong)random.Next(256), W), Bv(random, depth - 1)),
        6 => Term.Ite(Bool(random, depth - 1), Bv(random, depth - 1), Bv(random, depth - 1)),
        7 => Term.Select(Array(random, depth - 1), Bv(random, depth - 1)),
        _ => Term.Extract(Term.Concat(Bv(random, depth - 1), Bv(random, depth - 1)), W + 3, 4),
    };

    private static Term Array(Random random, int depth) => (depth <= 0 ? 0 : random.Next(3)) switch
    {
        0 => Memory,
        1 => Term.Store(Array(random, depth - 1), Bv(random, depth - 1), Bv(random, depth - 1)),
        _ => Term.Ite(Bool(random, depth - 1), Array(random, depth - 1), Term.Store(Memory, Bv(random, depth - 1), Bv(random, depth - 1))),
    };
}
