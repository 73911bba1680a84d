using Virtualizability.Isa.Ir;
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
    private readonly ShadowChoice[] _choices = [.. Enumerable.Range(0, Entries).Select(ShadowChoice.For)];

    private MipsShadowProofModel(IsaModel model, MipsRegisters registers, HashSet<ExceptionDecl> addressErrors)
    {
        _model = model;
        _r = registers;
        _addressErrors = addressErrors;
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
        "  then the spec's `enter user` block; every other CP0 register as in v;",
        "  real TLB entry i = ShadowEntryDefinition.For(v's TLB, v's entry shadowI.entry, shadowI.va, alignment, base, size)",
        "    tagged alloc.asid when shadowI.present, not ERL, shadowI.va in kuseg and shadowI.entry is v's first TLB match",
        "    for shadowI.va under v's ASID; otherwise otherI.* (not global; another real ASID, not 0, or a kseg0 VPN2);",
        "  machine memory[base + a] = v.PM[a] for a < size; every other machine cell is the VMM's or another VM's and unchanged,",
        "  and the VM keeps v's mode, resource registers and LLAddr as its virtual state.",
        "Virtual states range over a VM with `size` bytes of RAM: guest-physical a >= size reads 0 (v.PM[a] = 0 there).",
        "The allocation: base a nonzero multiple of alignment (4 KiB .. 1 MiB, a power of two), 1 <= size <= 2^32 - base.",
    ];

    public IReadOnlySet<RegisterDecl> ExtraVirtualized => new HashSet<RegisterDecl> { _r.LLAddr };

    public Term AllocationIsValid => Term.And(
        [
            Term.Or(Enumerable.Range(12, 9).Select(bit => Term.Eq(Alignment, _w.Word(1UL << bit)))),
            Term.Eq(Term.BvAnd(Base, Term.Sub(Alignment, _w.Word(1))), _w.Word(0)),
            Term.ULe(Alignment, Base),
            Term.ULe(_w.Word(1), Size),
            Term.ULe(Size, Term.Neg(Base)),
            Term.Ne(RealAsid, Term.Bv(0, 8)),
            .. _choices.Select(c => c.OtherCannotMatch(RealAsid)),
            // Shadows are of kuseg pages (the allocator installs none for kseg0..3).
            .. _choices.Select(c => Term.Implies(c.Present, Term.Eq(Term.Extract(c.Va, 31, 31), Term.Bv(0, 1)))),
        ]);

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
            .WithSlot(_r.HWREna.Slot, virtualState.Register(_r.HWREna))
            .WithSlot(_r.UserLocal.Slot, virtualState.Register(_r.UserLocal))
            .WithSlot(_r.EBase.Slot, virtualState.Register(_r.EBase))
            .WithSlot(_r.LLAddr.Slot, _w.Word(0));
        for (var i = 0; i < Entries; i++)
        {
            var (live, shadow) = RealEntry(virtualState, i);
            var other = _choices[i];
            real = real
                .WithSlot(_r.TlbHi.Slot + i, Term.Ite(live, Term.BvOr(shadow.PairBase, Term.ZeroExtend(RealAsid, 32)), other.Hi))
                .WithSlot(_r.TlbMask.Slot + i, Term.Ite(live, shadow.Mask, other.Mask))
                .WithSlot(_r.TlbLo0.Slot + i, Term.Ite(live, shadow.Lo0, other.Lo0))
                .WithSlot(_r.TlbLo1.Slot + i, Term.Ite(live, shadow.Lo1, other.Lo1));
        }
        return real;
    }

    /// <summary>
    /// The runtime's SaveRealResources after a direct step: a real timer match (Cause.TI) becomes the guest's Cause.TI
    /// and IP7; a real LL's machine address (>> 4) becomes the guest-physical one.
    /// </summary>
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
        var (live, shadow) = RealEntry(virtualState, 0);
        var halfBit = Term.LShr(Term.Add(ShadowEntryDefinition.Span(_w, shadow.Mask), _w.Word(1)), _w.Word(1));
        var lo = Term.Ite(Term.Eq(Term.BvAnd(pc, halfBit), _w.Word(0)), shadow.Lo0, shadow.Lo1);
        return Term.And(
            Term.Eq(Term.Extract(pc, 31, 31), Term.Bv(0, 1)),
            live,
            Term.Eq(_choices[0].Va, pc),
            Term.Ne(Term.BvAnd(lo, _w.Word(ShadowEntryDefinition.Valid)), _w.Word(0)));
    }

    private Term Erl(SymbolicState v) => Term.Ne(Term.BvAnd(v.Register(_r.Status), _w.Word(MipsRegisters.StatusERL)), _w.Word(0));

    private TlbEntryWords<Term>[] GuestTlb(SymbolicState v) =>
    [
        .. Enumerable.Range(0, Entries).Select(i => new TlbEntryWords<Term>(
            v.Register(_r.TlbHi, i), v.Register(_r.TlbMask, i), v.Register(_r.TlbLo0, i), v.Register(_r.TlbLo1, i))),
    ];

    // Real entry i under choice i: whether it is a live shadow, and the shadow's words.
    private (Term Live, ShadowWords<Term> Shadow) RealEntry(SymbolicState v, int i)
    {
        var choice = _choices[i];
        var tlb = GuestTlb(v);
        var asid = Term.BvAnd(v.Register(_r.EntryHi), _w.Word(MipsRegisters.AsidMask));
        var selected = Select(tlb, choice.Entry);
        var extentAlignment = BitArithmetic.Min(_w, Term.BvAnd(Base, Term.Neg(Base)), Alignment);
        var shadow = ShadowEntryDefinition.For(_w, tlb, j => Term.ULt(Term.Bv((ulong)j, 4), choice.Entry), asid, selected, choice.Va,
            extentAlignment, Base, Size);
        var live = Term.And(choice.Present, Term.Not(Erl(v)), FirstMatchIs(tlb, choice.Va, asid, choice.Entry));
        return (live, shadow);
    }

    // Guest entry `entry` is the first that matches va (the spec's tlb_translate takes the lowest-numbered match).
    private Term FirstMatchIs(TlbEntryWords<Term>[] tlb, Term va, Term asid, Term entry)
    {
        var matches = tlb.Select(e => ShadowEntryDefinition.Matches(_w, e, va, asid)).ToArray();
        return Term.Or(Enumerable.Range(0, tlb.Length).Select(j =>
            Term.And(matches.Take(j).Select(Term.Not).Prepend(matches[j]).Prepend(Term.Eq(entry, Term.Bv((ulong)j, 4))))));
    }

    private static TlbEntryWords<Term> Select(TlbEntryWords<Term>[] tlb, Term index)
    {
        var e = tlb[0];
        for (var j = 1; j < tlb.Length; j++)
        {
            var c = Term.Eq(index, Term.Bv((ulong)j, 4));
            e = new TlbEntryWords<Term>(Term.Ite(c, tlb[j].Hi, e.Hi), Term.Ite(c, tlb[j].Mask, e.Mask), Term.Ite(c, tlb[j].Lo0, e.Lo0), Term.Ite(c, tlb[j].Lo1, e.Lo1));
        }
        return e;
    }
}
