using Virtualizability.Proofs.Lemmas;
using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.PgMachine;

namespace Virtualizability.Proofs.Allocation;

/// <summary>
/// The facts about <see cref="RelocationBoundsComposition"/> that the pg-machine obligations need for every access:
/// bit-level arithmetic on 17-bit comparisons the SAT solver would otherwise rediscover in each obligation (tens of
/// thousands of conflicts; docs/vmm-proofs.md, Status). Each is stated over its own variables with the composition's
/// own definitions, and instantiated at the accesses of an obligation: the spec's bound checks
/// <c>zext(a) + n ≤ zext(B)</c> against the guest's B or the real B the composition computes.
/// </summary>
internal sealed class RelocationBoundsLemmas
{
    private readonly TermWordArithmetic _w;
    private readonly Term _l, _b, _size, _a, _n, _k, _base, _t;

    public RelocationBoundsLemmas(TermWordArithmetic w)
    {
        _w = w;
        (_l, _b, _a, _k) = (Term.BvVar("lemma.l", w.Width), Term.BvVar("lemma.b", w.Width), Term.BvVar("lemma.a", w.Width), Term.BvVar("lemma.k", w.Width));
        (_size, _n) = (Term.BvVar("lemma.size", w.Width + 1), Term.BvVar("lemma.n", w.Width + 1));
        (_base, _t) = (Term.BvVar("lemma.base", w.Width), Term.BvVar("lemma.t", w.Width));
        var realCheck = Check(_a, _n, RealBound(_l, _b, _size));
        var guestCheck = Check(_a, _n, _b);
        // n ≤ 16: the checks' sums zext(a) + n do not wrap, and the solver proves the lemmas in a fraction of a second
        // (with n ≤ 2^w, z3 needs 3.5 s for the first); the spec's accesses are of 1 to 8 cells.
        var sizeFits = Term.ULe(_n, _w.WideWord(MaxCells));
        RealAccessInRam = new AllocatorLemma("real-access-in-ram",
            "an access of n cells at a that the real R allows covers only guest-physical addresses l + a + k (k < n) in the VM's RAM",
            [_l, _b, _size, _a, _n, _k],
            Term.Implies(Term.And(sizeFits, Term.ULt(_w.Widen(_k), _n), realCheck), InRam(Term.Add(Term.Add(_l, _a), _k), _size)));
        RealAccessAllowedByGuest = new AllocatorLemma("real-access-allowed-by-guest",
            "an access the real R allows is one the guest's R allows (the real bound is at most the guest's)",
            [_l, _b, _size, _a, _n],
            Term.Implies(Term.And(sizeFits, realCheck), guestCheck));
        ReflectedAccessDeniedByGuest = new AllocatorLemma("reflected-access-denied-by-guest",
            "a memory trap the allocator reflects (address a >= the guest's bound) is one the guest's R denies, for any access size n >= 1",
            [_b, _a, _n],
            Term.Implies(Term.And(sizeFits, Term.ULe(_w.WideWord(1), _n), RelocationBoundsComposition.ReflectsMemoryTrap(_w, _a, _b)), Term.Not(guestCheck)));
        WithinAllocationFits = new AllocatorLemma("resources-within-allocation-fit",
            "a guest R within the allocation (l + b <= size) keeps its bound inside RAM, and its window starts inside RAM when b >= 1",
            [_l, _b, _size],
            Term.Implies(WithinAllocation(_l, _b, _size), Term.And(
                RelocationBoundsComposition.BoundFitsRam(_w, _l, _b, _size),
                Term.Implies(Term.ULe(_w.Word(1), _b), Term.Not(RelocationBoundsComposition.WindowBeyondRam(_w, _l, _size))))));
        var guest = Term.Add(Term.Add(_l, _a), _k);
        AccessedCellIsInAllocation = new AllocatorLemma("accessed-cell-in-allocation",
            "a machine address t equal to the machine address base + (l + a + k) of an accessed cell is in the allocation exactly when that cell is in the VM's RAM",
            [_base, _size, _t, _l, _a, _k],
            Term.Implies(Term.Eq(_t, Term.Add(_base, guest)), Term.Eq(InAllocation(_t, _base, _size), InRam(guest, _size))));
        All = [RealAccessInRam, RealAccessAllowedByGuest, ReflectedAccessDeniedByGuest, WithinAllocationFits, AccessedCellIsInAllocation];
    }

    /// <summary>The widest access the lemmas cover (wider ones get no instances).</summary>
    private const ulong MaxCells = 16;

    public AllocatorLemma RealAccessInRam { get; }
    public AllocatorLemma RealAccessAllowedByGuest { get; }
    public AllocatorLemma ReflectedAccessDeniedByGuest { get; }
    public AllocatorLemma WithinAllocationFits { get; }
    public AllocatorLemma AccessedCellIsInAllocation { get; }

    public IReadOnlyList<AllocatorLemma> All { get; }

    /// <summary>The VM's R within its allocation: zext(l) + zext(b) ≤ size (where efficiency is claimed).</summary>
    public Term WithinAllocation(Term l, Term b, Term size) => Term.ULe(Term.Add(_w.Widen(l), _w.Widen(b)), size);

    /// <summary>
    /// The instances for a guest R (l, b) in an allocation of <paramref name="size"/> cells whose formula has the
    /// subterms <paramref name="terms"/>: at every access check against the guest's or the real bound, each lemma
    /// about accesses (one in-RAM instance per cell of the access); the within-allocation lemma where that is assumed.
    /// </summary>
    public IEnumerable<LemmaInstance> Instances(Term l, Term b, Term @base, Term size, IReadOnlySet<Term> terms)
    {
        // Machine addresses the formula asks about that are symbols (the compared cell x): a store to an accessed cell
        // lands on x exactly when x is that cell's machine address.
        var symbols = terms.Where(t => t.Kind == TermKind.BvULt && t.Args[1] == size && t.Args[0].Kind == TermKind.ZeroExtend
                                       && t.Args[0].Args[0] is { Kind: TermKind.BvSub } d && d.Args[1] == @base && d.Args[0].Kind == TermKind.Var)
            .Select(t => t.Args[0].Args[0].Args[0]).Distinct().ToList();
        var bounds = new[] { _w.Widen(b), _w.Widen(RealBound(l, b, size)) };
        var accesses = terms
            .Where(t => t.Kind == TermKind.BvULe && bounds.Contains(t.Args[1]))
            .Select(t => t.Args[0])
            .Where(sum => sum.Kind == TermKind.BvAdd && sum.Args[0].Kind == TermKind.ZeroExtend && sum.Args[0].Args[0].Width == _w.Width
                          && sum.Args[1].IsConst && sum.Args[1].Value is >= 1 and <= MaxCells)
            .Select(sum => (Address: sum.Args[0].Args[0], Cells: sum.Args[1]))
            .Distinct();
        foreach (var (address, cells) in accesses)
        {
            for (var k = 0UL; k < cells.Value; k++)
            {
                yield return new LemmaInstance(RealAccessInRam, [l, b, size, address, cells, _w.Word(k)]);
                foreach (var symbol in symbols)
                    yield return new LemmaInstance(AccessedCellIsInAllocation, [@base, size, symbol, l, address, _w.Word(k)]);
            }
            yield return new LemmaInstance(RealAccessAllowedByGuest, [l, b, size, address, cells]);
            yield return new LemmaInstance(ReflectedAccessDeniedByGuest, [b, address, cells]);
        }
        if (terms.Contains(WithinAllocation(l, b, size)))
            yield return new LemmaInstance(WithinAllocationFits, [l, b, size]);
    }

    private Term RealBound(Term l, Term b, Term size) => RelocationBoundsComposition.Compose(_w, l, b, _w.Word(0), size).Bound;

    private Term Check(Term address, Term cells, Term bound) => Term.ULe(Term.Add(_w.Widen(address), cells), _w.Widen(bound));

    private Term InRam(Term guestAddress, Term size) => Term.ULt(_w.Widen(guestAddress), size);

    private Term InAllocation(Term machineAddress, Term @base, Term size) => InRam(Term.Sub(machineAddress, @base), size);
}
