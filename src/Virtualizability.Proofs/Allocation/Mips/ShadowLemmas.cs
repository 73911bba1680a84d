using Virtualizability.Proofs.Lemmas;
using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.Arithmetic;
using Virtualizability.Vmm.Mips;

namespace Virtualizability.Proofs.Allocation.Mips;

/// <summary>The allocation's symbols: machine base, RAM size, extent alignment, real ASID.</summary>
internal sealed record MipsAllocation(Term Base, Term Size, Term Alignment, Term RealAsid)
{
    private static readonly TermBitArithmetic W = new(32);

    /// <summary>A valid allocation (what MipsAllocator hands out): base a nonzero multiple of a power-of-two alignment in 4 KiB .. 1 MiB, RAM inside machine memory, a real ASID that is not the empty one.</summary>
    public Term IsValid => Term.And(
        Term.Or(Enumerable.Range(12, 9).Select(bit => Term.Eq(Alignment, W.Word(1UL << bit)))),
        Term.Eq(Term.BvAnd(Base, Term.Sub(Alignment, W.Word(1))), W.Word(0)),
        Term.ULe(Alignment, Base),
        Term.ULe(W.Word(1), Size),
        Term.ULe(Size, Term.Neg(Base)),
        Term.Ne(RealAsid, Term.Bv(0, 8)));

    /// <summary>The real EntryHi's ASID (a word): the empty ASID 0 while the guest is in ERL, else the real ASID.</summary>
    public Term RealEntryHiAsid(Term erl) => Term.Ite(erl, W.Word(0), Term.ZeroExtend(RealAsid, 32));
}

/// <summary>
/// The MIPS shadow TLB as the obligations use it: real TLB entry i of a key (<see cref="TlbKey"/>) under choice i
/// (<see cref="ShadowChoice"/>) — the runtime's <see cref="ShadowEntryDefinition.For{T, TBool}"/> run on terms, or an
/// entry that cannot match — and the two lemmas that let an obligation use abstraction variables instead
/// (<see cref="RealTlbAbstraction"/>), each proved once over the definition:
/// <list type="bullet">
/// <item><c>shadow-translates-as-guest</c>: a real entry that matches a kuseg address in real user mode is a live
/// shadow, so the guest's TLB maps the address; when the real half is valid, so is the guest's, the real physical
/// address is base + the guest's, the word holding it is in the VM's RAM, and a dirty real half is dirty in the guest;</item>
/// <item><c>shadow-is-a-function</c>: two keys that are equal give equal real entries (congruence: the shadow depends
/// on the virtual state only through its key).</item>
/// </list>
/// </summary>
internal sealed class ShadowLemmas
{
    private const int Entries = MipsRegisters.TlbEntries;
    private static readonly TermBitArithmetic W = new(32);
    private readonly MipsAllocation _lemmaAllocation = new(
        Term.BvVar("lemma.base", 32), Term.BvVar("lemma.size", 32), Term.BvVar("lemma.alignment", 32), Term.BvVar("lemma.real-asid", 8));
    private readonly ShadowChoice _choice = ShadowChoice.For(0);

    public ShadowLemmas()
    {
        var real = RealTlbAbstraction.Words("lemma", 0);
        var key = Key("lemma");
        var va = Term.BvVar("lemma.va", 32);
        TranslatesAsGuest = new AllocatorLemma("shadow-translates-as-guest",
            "in a valid allocation, a real TLB entry (the shadow of a guest entry under any choice: the assumptions) that matches a kuseg " +
            "address va in real user mode implies: the guest is not in ERL and its TLB maps va; if the real half is valid, the guest's is, " +
            "the real physical address is base + the guest's, the word holding it is in RAM, and a dirty real half is dirty in the guest",
            [.. Words(real), .. key.Terms, .. Allocation(_lemmaAllocation), va],
            Translates(real, key, _lemmaAllocation, va))
        {
            Assumptions = Defines(real, key, _lemmaAllocation),
        };
        var (realB, keyB) = (RealTlbAbstraction.Words("lemmaB", 0), Key("lemmaB"));
        IsAFunction = new AllocatorLemma("shadow-is-a-function",
            "two virtual states with the same guest TLB, ASID and ERL have the same real TLB entry under one shadow choice",
            [.. Words(real), .. Words(realB), .. key.Terms, .. keyB.Terms, .. Allocation(_lemmaAllocation)],
            Term.Implies(key.SameAs(keyB), Term.And(Words(real).Zip(Words(realB), Term.Eq))))
        {
            Assumptions = [.. Defines(real, key, _lemmaAllocation), .. Defines(realB, keyB, _lemmaAllocation)],
        };
        All = [TranslatesAsGuest, IsAFunction];
    }

    public AllocatorLemma TranslatesAsGuest { get; }

    public AllocatorLemma IsAFunction { get; }

    public IReadOnlyList<AllocatorLemma> All { get; }

    /// <summary>Real TLB entry i for <paramref name="key"/> under <paramref name="choice"/>: the definition the abstraction variables stand for.</summary>
    public static TlbEntryWords<Term> RealEntry(TlbKey key, ShadowChoice choice, MipsAllocation allocation)
    {
        var (live, shadow) = Shadow(key, choice, allocation);
        return new TlbEntryWords<Term>(
            Term.Ite(live, Term.BvOr(shadow.PairBase, Term.ZeroExtend(allocation.RealAsid, 32)), choice.Hi),
            Term.Ite(live, shadow.Mask, choice.Mask),
            Term.Ite(live, shadow.Lo0, choice.Lo0),
            Term.Ite(live, shadow.Lo1, choice.Lo1));
    }

    /// <summary>What <see cref="TranslatesAsGuest"/> says of real entry <paramref name="real"/> of <paramref name="key"/> at <paramref name="va"/>.</summary>
    public static Term Translates(TlbEntryWords<Term> real, TlbKey key, MipsAllocation allocation, Term va)
    {
        var through = TlbLookupTerms.One(real, va, allocation.RealEntryHiAsid(key.Erl));
        var guest = TlbLookupTerms.FirstMatch(key.Tlb, va, key.Asid);
        var physicalWord = Term.BvOr(guest.Physical, W.Word(3));
        return Term.Implies(
            Term.And(allocation.IsValid, Term.Eq(Term.Extract(va, 31, 31), Term.Bv(0, 1)), through.Hit),
            Term.And(
                Term.Not(key.Erl),
                guest.Hit,
                Term.Implies(through.Valid, Term.And(
                    guest.Valid,
                    Term.Eq(through.Physical, Term.Add(allocation.Base, guest.Physical)),
                    Term.ULt(physicalWord, allocation.Size),
                    Term.Implies(through.Dirty, guest.Dirty)))));
    }

    /// <summary>
    /// The instances for an obligation: the translation facts of the own key's real entries at every looked-up address,
    /// and congruence between every two keys (the VMM reloads the real TLB from a state that the solver may have to
    /// show has f(step(v))'s key).
    /// </summary>
    public IEnumerable<LemmaInstance> Instances(IReadOnlyList<(string Name, TlbKey Key)> keys, TlbKey own, IReadOnlyList<Term> addresses, MipsAllocation allocation)
    {
        var ownName = keys.FirstOrDefault(k => k.Key.Terms.SequenceEqual(own.Terms)).Name;
        for (var i = 0; i < Entries; i++)
        {
            if (ownName is not null)
            {
                var real = RealTlbAbstraction.Words(ownName, i);
                foreach (var va in addresses)
                    yield return new LemmaInstance(TranslatesAsGuest, [.. Words(real), .. own.Terms, .. Allocation(allocation), va]);
            }
            for (var a = 0; a < keys.Count; a++)
                for (var b = a + 1; b < keys.Count; b++)
                    yield return new LemmaInstance(IsAFunction,
                    [
                        .. Words(RealTlbAbstraction.Words(keys[a].Name, i)), .. Words(RealTlbAbstraction.Words(keys[b].Name, i)),
                        .. keys[a].Key.Terms, .. keys[b].Key.Terms, .. Allocation(allocation),
                    ]);
        }
    }

    // The definition the abstraction variables stand for, and what the allocation guarantees of the choice.
    private IReadOnlyList<Term> Defines(TlbEntryWords<Term> real, TlbKey key, MipsAllocation allocation) =>
    [
        .. Words(real).Zip(Words(RealEntry(key, _choice, allocation)), Term.Eq),
        _choice.OtherCannotMatch(allocation.RealAsid),
        // Shadows are of kuseg pages (the allocator installs none for kseg0..3).
        Term.Implies(_choice.Present, Term.Eq(Term.Extract(_choice.Va, 31, 31), Term.Bv(0, 1))),
    ];

    private static TlbKey Key(string name) => new(
        [.. Enumerable.Range(0, Entries).Select(j => new TlbEntryWords<Term>(
            Term.BvVar($"{name}.tlb{j}.hi", 32), Term.BvVar($"{name}.tlb{j}.mask", 32),
            Term.BvVar($"{name}.tlb{j}.lo0", 32), Term.BvVar($"{name}.tlb{j}.lo1", 32)))],
        Term.BvVar($"{name}.guest-asid", 32), Term.Var($"{name}.erl", Sort.Bool));

    private static Term[] Words(TlbEntryWords<Term> e) => [e.Hi, e.Mask, e.Lo0, e.Lo1];

    private static Term[] Allocation(MipsAllocation a) => [a.Base, a.Size, a.Alignment, a.RealAsid];

    // Real entry under the choice: whether it is a live shadow (present, not ERL, the chosen guest entry is the guest's
    // first match for the chosen address), and the shadow's words.
    private static (Term Live, ShadowWords<Term> Shadow) Shadow(TlbKey key, ShadowChoice choice, MipsAllocation allocation)
    {
        var selected = Select(key.Tlb, choice.Entry);
        var extentAlignment = BitArithmetic.Min(W, Term.BvAnd(allocation.Base, Term.Neg(allocation.Base)), allocation.Alignment);
        var shadow = ShadowEntryDefinition.For(W, key.Tlb, j => Term.ULt(Term.Bv((ulong)j, 4), choice.Entry), key.Asid, selected, choice.Va,
            extentAlignment, allocation.Base, allocation.Size);
        var live = Term.And(choice.Present, Term.Not(key.Erl), FirstMatchIs(key.Tlb, choice.Va, key.Asid, choice.Entry));
        return (live, shadow);
    }

    // Guest entry `entry` is the first that matches va (the spec's tlb_translate takes the lowest-numbered match).
    private static Term FirstMatchIs(IReadOnlyList<TlbEntryWords<Term>> tlb, Term va, Term asid, Term entry)
    {
        var matches = tlb.Select(e => ShadowEntryDefinition.Matches(W, e, va, asid)).ToArray();
        return Term.Or(Enumerable.Range(0, tlb.Count).Select(j =>
            Term.And(matches.Take(j).Select(Term.Not).Prepend(matches[j]).Prepend(Term.Eq(entry, Term.Bv((ulong)j, 4))))));
    }

    private static TlbEntryWords<Term> Select(IReadOnlyList<TlbEntryWords<Term>> tlb, Term index)
    {
        var e = tlb[0];
        for (var j = 1; j < tlb.Count; j++)
        {
            var c = Term.Eq(index, Term.Bv((ulong)j, 4));
            e = new TlbEntryWords<Term>(Term.Ite(c, tlb[j].Hi, e.Hi), Term.Ite(c, tlb[j].Mask, e.Mask), Term.Ite(c, tlb[j].Lo0, e.Lo0), Term.Ite(c, tlb[j].Lo1, e.Lo1));
        }
        return e;
    }
}
