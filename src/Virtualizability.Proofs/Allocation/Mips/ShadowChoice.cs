using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Allocation.Mips;

/// <summary>
/// What the MIPS VM map leaves open about real TLB entry i (the map is a relation: any set of shadow entries consistent
/// with the guest's TLB will do). Free symbols of every obligation, so a proof covers every such real TLB:
/// <list type="bullet">
/// <item><c>shadowI.present</c>, <c>shadowI.entry</c>, <c>shadowI.va</c>: the entry is the shadow of guest entry
/// <c>entry</c> built for address <c>va</c> — kept only while that guest entry is the guest's first match for va under its
/// current ASID (else the choice is void and the entry is another one);</item>
/// <item><c>otherI.hi</c>, <c>otherI.mask</c>, <c>otherI.lo0</c>, <c>otherI.lo1</c>: the words of an entry that cannot
/// match in real user mode (not global, and another real ASID or a kseg0 VPN2: a flushed entry, another guest ASID's
/// shadow).</item>
/// </list>
/// </summary>
internal sealed record ShadowChoice(Term Present, Term Entry, Term Va, Term Hi, Term Mask, Term Lo0, Term Lo1)
{
    public static ShadowChoice For(int i) => new(
        Term.Var($"shadow{i}.present", Sort.Bool),
        Term.BvVar($"shadow{i}.entry", 4),
        Term.BvVar($"shadow{i}.va", 32),
        Term.BvVar($"other{i}.hi", 32),
        Term.BvVar($"other{i}.mask", 32),
        Term.BvVar($"other{i}.lo0", 32),
        Term.BvVar($"other{i}.lo1", 32));

    /// <summary>The other entry's words cannot match a user-mode access while real ASID <paramref name="realAsid"/> (or the empty ASID 0) is loaded.</summary>
    public Term OtherCannotMatch(Term realAsid)
    {
        var asid = Term.Extract(Hi, 7, 0);
        return Term.And(
            Term.Eq(Term.Extract(Lo0, 0, 0), Term.Bv(0, 1)),
            Term.Or(Term.Eq(Term.Extract(Hi, 31, 31), Term.Bv(1, 1)), Term.And(Term.Ne(asid, realAsid), Term.Ne(asid, Term.Bv(0, 8)))));
    }
}
