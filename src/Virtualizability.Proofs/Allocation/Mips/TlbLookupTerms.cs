using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.Mips;

namespace Virtualizability.Proofs.Allocation.Mips;

/// <summary>What one TLB lookup of an address gives: whether an entry matched, the EntryLo word of the matched half, and the physical address.</summary>
internal sealed record TlbLookup(Term Hit, Term Lo, Term Physical)
{
    public Term Valid => Bit(Lo, 1);

    public Term Dirty => Bit(Lo, 2);

    private static Term Bit(Term word, int bit) => Term.Eq(Term.Extract(word, bit, bit), Term.Bv(1, 1));
}

/// <summary>
/// The spec's <c>tlb_translate</c> (isa-specs/mips32.isa) written as terms, for the shadow lemmas: one entry's half and
/// physical address for an address, and the first-match lookup through a whole TLB. The lemmas state what a real
/// entry gives in these terms; each obligation's solver relates them to the spec's own lookup, which the symbolic
/// executor builds (nothing is assumed about that relation).
/// </summary>
internal static class TlbLookupTerms
{
    private static readonly TermBitArithmetic W = new(32);

    /// <summary>Entry <paramref name="e"/> matches <paramref name="va"/> under <paramref name="asid"/> (a word, ASID in bits 7..0).</summary>
    public static Term Matches(TlbEntryWords<Term> e, Term va, Term asid) => ShadowEntryDefinition.Matches(W, e, va, asid);

    /// <summary>The half of entry <paramref name="e"/> holding <paramref name="va"/>, and va's physical address through it.</summary>
    public static (Term Lo, Term Physical) Through(TlbEntryWords<Term> e, Term va)
    {
        var pageMask = Term.LShr(ShadowEntryDefinition.Span(W, e.Mask), W.Word(1));
        var lo = Term.Ite(Term.Eq(Term.BvAnd(va, Term.Add(pageMask, W.Word(1))), W.Word(0)), e.Lo0, e.Lo1);
        return (lo, Physical(lo, pageMask, va));
    }

    /// <summary>The lookup of <paramref name="va"/> through one entry (hit when it matches).</summary>
    public static TlbLookup One(TlbEntryWords<Term> e, Term va, Term asid)
    {
        var (lo, physical) = Through(e, va);
        return new TlbLookup(Matches(e, va, asid), lo, physical);
    }

    /// <summary>The lookup of <paramref name="va"/> through <paramref name="tlb"/>: the lowest-numbered matching entry wins.</summary>
    public static TlbLookup FirstMatch(IReadOnlyList<TlbEntryWords<Term>> tlb, Term va, Term asid)
    {
        var hit = Term.False;
        var lo = W.Word(0);
        var pageMask = W.Word(0);
        foreach (var e in tlb)
        {
            var first = Term.And(Term.Not(hit), Matches(e, va, asid));
            var entryMask = Term.LShr(ShadowEntryDefinition.Span(W, e.Mask), W.Word(1));
            lo = Term.Ite(first, Term.Ite(Term.Eq(Term.BvAnd(va, Term.Add(entryMask, W.Word(1))), W.Word(0)), e.Lo0, e.Lo1), lo);
            pageMask = Term.Ite(first, entryMask, pageMask);
            hit = Term.Or(hit, first);
        }
        return new TlbLookup(hit, lo, Physical(lo, pageMask, va));
    }

    // ((zext(lo.PFN) << 12) & ~page_mask) | (va & page_mask), as the spec writes it.
    private static Term Physical(Term lo, Term pageMask, Term va) =>
        Term.BvOr(Term.BvAnd(Term.Shl(Term.ZeroExtend(Term.Extract(lo, 25, 6), 32), W.Word(12)), Term.BvNot(pageMask)), Term.BvAnd(va, pageMask));
}
