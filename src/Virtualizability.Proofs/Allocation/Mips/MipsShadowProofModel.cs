using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Lemmas;
using Virtualizability.Proofs.Simplification;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.Arithmetic;
using Virtualizability.Vmm.Mips;

namespace Virtualizability.Proofs.Allocation.Mips;

/// <summary>
/// The proofs' view of <see cref="MipsAllocator"/>: one VM whose guest-physical RAM [0, size) is the extent at machine
/// base (page-aligned, the first extent reserved), the guest's CP0 and TLB virtual, and the real CP0 and TLB as
/// LoadRealResources leaves them. The real TLB is any set of shadow entries consistent with the guest's TLB (the VM map
/// is a relation; <see cref="ShadowChoice"/>): entry i is <see cref="ShadowEntryDefinition.For{T, TBool}"/> — the
/// runtime's own definition, run on terms — of the guest entry shadowI.entry for address shadowI.va, tagged with the
/// real ASID, when that guest entry is the guest's first match for that address; otherwise an entry that cannot match.
/// The obligations do not contain that definition: they see real entry i of a virtual state's key as abstraction
/// variables (<see cref="RealTlbAbstraction"/>) and get what they need of the definition from the shadow lemmas
/// (<see cref="ShadowLemmas"/>), proved once; a proof for every value of the variables that satisfies the lemmas'
/// instances covers the definition's values, since those satisfy them (docs/vmm-proofs.md).
/// Memory traps: address errors in virtual user mode are reflected, everything else is interpreted (Retry, which
/// installs a shadow and runs the step again, ends as the interpreted step would: docs/vmm-proofs.md).
/// </summary>
public sealed class MipsShadowProofModel : IAllocatorProofModel
{
    private const int Entries = MipsRegisters.TlbEntries;
    private readonly IsaModel _model;
    private readonly MipsRegisters _r;
    private readonly TermBitArithmetic _w = new(32);
    private readonly HashSet<ExceptionDecl> _addressErrors;
    private readonly RealTlbAbstraction _abstraction = new();
    private readonly ShadowLemmas _lemmas = new();
    private readonly MipsAllocation _allocation;

    private MipsShadowProofModel(IsaModel model, MipsRegisters registers, HashSet<ExceptionDecl> addressErrors)
    {
        _model = model;
        _r = registers;
        _addressErrors = addressErrors;
        _allocation = new MipsAllocation(Base, Size, Alignment, RealAsid);
    }

    /// <summary>The model for a spec the runtime's MIPS allocator accepts (MIPS32 registers, 32-bit byte storage), else null.</summary>
    public static MipsShadowProofModel? For(IsaModel model)
    {
        if (model.Roles.Storage is not { AddressWidth: 32, CellWidth: 8 }) return null;
        string[] names = ["Status", "Cause", "Compare", "EntryHi", "HWREna", "UserLocal", "EBase", "LLAddr", "TLB_Hi", "TLB_Mask", "TLB_Lo0", "TLB_Lo1"];
        if (names.Any(n => model.Register(n) is null)) return null;
        if (model.Register("TLB_Hi")!.Count != Entries) return null;
        if (model.Exception("AddressErrorLoad") is not { } load || model.Exception("AddressErrorStore") is not { } store) return null;
        return new MipsShadowProofModel(model, new MipsRegisters(model), [load, store]);
    }

    /// <summary>Machine address of guest-physical 0 (a multiple of <see cref="Alignment"/>, never the reserved first extent).</summary>
    public Term Base { get; } = Term.BvVar("alloc.base", 32);

    /// <summary>The VM's RAM in bytes (at least 1; base + size ≤ 2^32).</summary>
    public Term Size { get; } = Term.BvVar("alloc.size", 32);

    /// <summary>The allocator's extent alignment: a power of two from 4 KiB to 1 MiB (MipsAllocator.ExtentAlignmentFor).</summary>
    public Term Alignment { get; } = Term.BvVar("alloc.alignment", 32);

    /// <summary>The real ASID that stands for the guest's current ASID (ShadowTlb.RealAsid: never the empty ASID 0).</summary>
    public Term RealAsid { get; } = Term.BvVar("alloc.asid", 8);

    public string Description => "MIPS pmap + shadow TLB: real TLB entries = ShadowEntryDefinition.For(guest entry, va) under the real ASID, or entries that cannot match";

    public IReadOnlyList<string> VmMapText =>
    [
        "f(v) relates v to every real state that has: every direct register as in v;",
        "  real Status, Cause = VirtualInterrupts.RealStatusAndCause(v.Status, v.Cause), real Compare = v.Compare,",
        "  real EntryHi = 0 when v.Status.ERL (no shadows: every kuseg access faults) else alloc.asid, real LLAddr = 0,",
        "  real HWREna = all of RDHWR's registers (0x2000000f) where CP0 is usable to v (kernel mode or CU0), else v.HWREna,",
        "  then the spec's `enter user` block; every other CP0 register as in v;",
        "  real TLB entry i = ShadowEntryDefinition.For(v's TLB, v's entry shadowI.entry, shadowI.va, alignment, base, size)",
        "    tagged alloc.asid when shadowI.present, not ERL, shadowI.va in kuseg and shadowI.entry is v's first TLB match",
        "    for shadowI.va under v's ASID; otherwise otherI.* (not global; another real ASID, not 0, or a kseg0 VPN2);",
        "  in this file real entry i of a state whose (guest TLB, ASID, ERL) is the key K is the abstraction variables",
        "    realI.{hi,mask,lo0,lo1}.K, which stand for that definition under choice i: only the instances of the shadow lemmas",
        "    (lemma.shadow-translates-as-guest.smt2, lemma.shadow-is-a-function.smt2, proved over the definition) constrain them;",
        "  machine memory[base + a] = v.PM[a] for a < size; every other machine cell is the VMM's or another VM's and unchanged,",
        "  and the VM keeps v's mode, resource registers and LLAddr as its virtual state.",
        "Virtual states range over a VM with `size` bytes of RAM: guest-physical a >= size reads 0 (v.PM[a] = 0 there).",
        "The allocation: base a nonzero multiple of alignment (4 KiB .. 1 MiB, a power of two), 1 <= size <= 2^32 - base.",
    ];

    // As the runtime's MipsAllocator: the role registers whole (it computes the real Status), and LLAddr.
    public IReadOnlySet<RegisterDecl> ExtraVirtualized =>
        _model.Roles.ModeState.Concat(_model.Roles.Resources).Select(r => r.Register).Append(_r.LLAddr).ToHashSet();

    public Term AllocationIsValid => _allocation.IsValid;

    public Term InAllocation(Term machineAddress) => InRam(GuestAddress(machineAddress));

    public Term GuestAddress(Term machineAddress) => Term.Sub(machineAddress, Base);

    public Term MachineAddress(Term guestAddress) => Term.Add(Base, guestAddress);

    public Term InRam(Term guestAddress) => Term.ULt(guestAddress, Size);

    public SymbolicState LoadRealResources(SymbolicState virtualState, SymbolicState real)
    {
        var (status, cause) = VirtualInterrupts.RealStatusAndCause(_w, virtualState.Register(_r.Status), virtualState.Register(_r.Cause));
        var erl = Erl(virtualState);
        real = real
            .WithSlot(_r.Status.Slot, status)
            .WithSlot(_r.Cause.Slot, cause)
            .WithSlot(_r.Compare.Slot, virtualState.Register(_r.Compare))
            .WithSlot(_r.EntryHi.Slot, Term.Ite(erl, _w.Word(0), Term.ZeroExtend(RealAsid, 32)))
            .WithSlot(_r.HWREna.Slot, MipsRegisters.RealHwrEna(_w, virtualState.Register(_r.Status), virtualState.Register(_r.HWREna)))
            .WithSlot(_r.UserLocal.Slot, virtualState.Register(_r.UserLocal))
            .WithSlot(_r.EBase.Slot, virtualState.Register(_r.EBase))
            .WithSlot(_r.LLAddr.Slot, _w.Word(0));
        // The real TLB as abstraction variables of the state's key (RealTlbAbstraction): they stand for ShadowLemmas.RealEntry.
        var key = Key(virtualState);
        for (var i = 0; i < Entries; i++)
        {
            var entry = _abstraction.Entry(key, i);
            real = real
                .WithSlot(_r.TlbHi.Slot + i, entry.Hi)
                .WithSlot(_r.TlbMask.Slot + i, entry.Mask)
                .WithSlot(_r.TlbLo0.Slot + i, entry.Lo0)
                .WithSlot(_r.TlbLo1.Slot + i, entry.Lo1);
        }
        return real;
    }

    /// <summary>
    /// The runtime's SaveRealResources after a direct step: a real timer match (Cause.TI) becomes the guest's Cause.TI
    /// and IP7; a real LL's machine address (>> 4) becomes the guest-physical one.
    /// </summary>
    /// <summary>Memory is only read after simplification: the files are Ackermann-reduced to bit-vectors (cvc5 bit-blasts them eagerly).</summary>
    public bool ReducesMemoryReads => true;

    /// <summary>
    /// Split equivalence on outcomes by default: measured (docs/vmm-proofs.md, "Split on outcomes"), TLBWI's parts take
    /// z3 86 s in all against 736 s whole, TLBWR's are decided (unknown at 1000 s whole), and cvc5 decides every part of
    /// the equivalences it gave no answer on whole (ADDU, BEQ).
    /// </summary>
    public bool PrefersOutcomeSplit => true;

    public SymbolicState? SaveAfterDirectStep(SymbolicState virtualState, SymbolicState real)
    {
        var realCause = real.Register(_r.Cause);
        var guestCause = virtualState.Register(_r.Cause);
        var timer = _w.Word(MipsRegisters.CauseTI | MipsRegisters.CauseIP7);
        var ticked = Term.Ne(Term.BvAnd(realCause, _w.Word(MipsRegisters.CauseTI)), _w.Word(0));
        var realLl = real.Register(_r.LLAddr);
        var linked = Term.Ne(realLl, _w.Word(0));
        return virtualState
            .WithSlot(_r.Cause.Slot, Term.Ite(ticked, Term.BvOr(guestCause, timer), guestCause))
            .WithSlot(_r.LLAddr.Slot, Term.Ite(linked, Term.Sub(realLl, Term.LShr(Base, _w.Word(4))), virtualState.Register(_r.LLAddr)));
    }

    public IReadOnlyList<Term> CaseSplits(SymbolicState virtualState) => [Erl(virtualState)];

    public Term ReflectsMemoryTrap(TrapOutcome trap, SymbolicState virtualState) =>
        _addressErrors.Contains(trap.Exception) ? Term.Not(SymbolicExecutor.IsSupervisor(_model, virtualState)) : Term.False;

    /// <summary>
    /// Where efficiency is claimed: PC in kuseg and real TLB entry 0 a live shadow of PC's page pair whose half holding PC
    /// is valid — the state a Retry of the fetch's TLB fault leaves (it installs exactly such a shadow).
    /// </summary>
    public Term ResourcesWithinAllocation(SymbolicState virtualState)
    {
        var pc = virtualState.Register(_model.Roles.ProgramCounter);
        var key = Key(virtualState);
        var first = TlbLookupTerms.One(_abstraction.Entry(key, 0), pc, _allocation.RealEntryHiAsid(key.Erl));
        return Term.And(Term.Eq(Term.Extract(pc, 31, 31), Term.Bv(0, 1)), first.Hit, first.Valid);
    }

    public IReadOnlyList<AllocatorLemma> Lemmas => _lemmas.All;

    /// <summary>
    /// The shadow lemmas' instances: the translation facts of every real entry of the state's own key at every address
    /// a TLB lookup of the formula selects a half for (the guest's lookups and the real machine's: the same PC and
    /// effective addresses, its GPRs are the guest's), and congruence between every two keys of the formula.
    /// </summary>
    public IEnumerable<LemmaInstance> LemmaInstances(SymbolicState virtualState, IReadOnlySet<Term> terms)
    {
        var key = Key(virtualState);
        var real = Enumerable.Range(0, Entries).Select(i => _abstraction.Entry(key, i));
        return _lemmas.Instances(_abstraction.KeysIn(terms), key, LookedUp([.. key.Tlb, .. real], terms), _allocation);
    }

    // The addresses a lookup through one of these entries selects a half for: ite((va & (page_mask + 1)) == 0, Lo0, Lo1).
    private static IReadOnlyList<Term> LookedUp(IReadOnlyList<TlbEntryWords<Term>> entries, IReadOnlySet<Term> terms)
    {
        var found = new HashSet<Term>();
        foreach (var t in terms)
        {
            if (t.Kind != TermKind.Ite || t.Args[0] is not { Kind: TermKind.Eq } c || !c.Args.Any(a => a.IsConst)) continue;
            if (c.Args.FirstOrDefault(a => a.Kind == TermKind.BvAnd) is not { } and) continue;
            foreach (var e in entries.Where(e => e.Lo0 == t.Args[1] && e.Lo1 == t.Args[2]))
                found.UnionWith(and.Args.Where(a => !TermTraversal.PostOrder([a]).Contains(e.Mask)));
        }
        return [.. found.Order(Comparer<Term>.Create(new StructuralFingerprints().Compare))];
    }

    private Term Erl(SymbolicState v) => Term.Ne(Term.BvAnd(v.Register(_r.Status), _w.Word(MipsRegisters.StatusERL)), _w.Word(0));

    private TlbEntryWords<Term>[] GuestTlb(SymbolicState v) =>
    [
        .. Enumerable.Range(0, Entries).Select(i => new TlbEntryWords<Term>(
            v.Register(_r.TlbHi, i), v.Register(_r.TlbMask, i), v.Register(_r.TlbLo0, i), v.Register(_r.TlbLo1, i))),
    ];

    private TlbKey Key(SymbolicState v) => new(GuestTlb(v), Term.BvAnd(v.Register(_r.EntryHi), _w.Word(MipsRegisters.AsidMask)), Erl(v));
}
