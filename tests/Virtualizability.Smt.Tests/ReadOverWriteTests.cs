using FsCheck.Xunit;
using Virtualizability.Smt.Terms;
using Xunit;

namespace Virtualizability.Smt.Tests;

/// <summary>
/// Term.ReadOverWrite: a read of a memory that stores, merges and moves built, written out as cases down to a select
/// of the start memory. It must keep the value of the plain select, and leave no array operator but that select.
/// </summary>
public class ReadOverWriteTests
{
    private const int IndexWidth = 4;
    private static readonly Term Start = Term.Var("M", Sort.Array(IndexWidth, 8));
    private static readonly Term Address = Term.BvVar("a", IndexWidth);

    [Fact]
    public void A_store_chain_becomes_cases_over_the_start_memory()
    {
        Term i = Term.BvVar("i", IndexWidth), v = Term.BvVar("v", 8), u = Term.BvVar("u", 8);
        var memory = Term.Store(Term.Store(Start, i, v), Term.Add(i, Term.Bv(1, IndexWidth)), u);
        var read = Term.ReadOverWrite(memory, Address);
        var expected = Term.Ite(Term.Eq(Term.Add(i, Term.Bv(1, IndexWidth)), Address), u,
            Term.Ite(Term.Eq(i, Address), v, Term.Select(Start, Address)));
        Assert.Same(expected, read);
    }

    [Fact]
    public void A_read_at_the_stored_index_is_the_stored_value_and_a_distinct_offset_skips_the_store()
    {
        Term v = Term.BvVar("v", 8), u = Term.BvVar("u", 8);
        var memory = Term.Store(Term.Store(Start, Address, v), Term.Add(Address, Term.Bv(2, IndexWidth)), u);
        Assert.Same(v, Term.ReadOverWrite(memory, Address));
    }

    /// <summary>A memory built by a random program of stores, merges and moves; every read agrees with the select.</summary>
    [Property(MaxTest = 300)]
    public void The_expansion_keeps_the_value(byte[] program, ulong seed, byte address)
    {
        var memory = Start;
        var shared = new List<Term> { Start };
        var symbols = new Dictionary<string, ModelValue>
        {
            ["M"] = Enumerable.Range(0, 1 << IndexWidth).Aggregate(ArrayValue.Constant(IndexWidth, 8, 0),
                (m, k) => m.Write((ulong)k, (seed >> (k * 3)) & 0xFF)),
            ["a"] = new BitVecValue(address & 0xFUL, IndexWidth),
        };
        var step = 0;
        foreach (var op in program.Take(12))
        {
            var name = $"t{step++}";
            symbols[name] = new BitVecValue((ulong)op & 0xF, IndexWidth);
            var at = Term.BvVar(name, IndexWidth);
            memory = (op >> 4 & 3) switch
            {
                0 => Term.Store(memory, at, Term.Bv((ulong)op, 8)),
                1 => Term.Store(memory, Term.Add(at, Term.Bv(1, IndexWidth)), Term.ZeroExtend(at, 8)),
                2 => Term.ArrayShift(memory, at),
                _ => Term.Ite(Term.Eq(Term.Extract(at, 0, 0), Term.Bv(1, 1)), memory, shared[op % shared.Count]),
            };
            shared.Add(memory);
        }
        var expanded = Term.ReadOverWrite(memory, Address);
        Assert.Equal(TermEvaluator.Evaluate(Term.Select(memory, Address), symbols), TermEvaluator.Evaluate(expanded, symbols));
        foreach (var t in TermTraversal.PostOrder([expanded]))
        {
            Assert.DoesNotContain(t.Kind, new[] { TermKind.Store, TermKind.ArrayShift });
            if (t.Kind == TermKind.Select) Assert.Same(Start, t.Args[0]);
        }
    }
}
