using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Lemmas;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.PgMachine;

namespace Virtualizability.Proofs.Allocation;

/// <summary>
/// The proofs' view of <see cref="RelocationBoundsAllocator"/>: one VM with guest-physical memory [0, size) at machine
/// [base, base + size), base and size symbolic (any allocation inside machine memory), and the real R computed by
/// <see cref="RelocationBoundsComposition.Compose{T, TBool}"/> — the runtime's own definition, run on terms.
/// </summary>
public sealed class RelocationBoundsProofModel : IAllocatorProofModel
{
    private readonly RegisterDecl _base;
    private readonly RegisterDecl _bound;
    private readonly ExceptionDecl _memoryViolation;
    private readonly TermWordArithmetic _w;
    private readonly RelocationBoundsLemmas _lemmas;

    private RelocationBoundsProofModel(RegisterDecl @base, RegisterDecl bound, ExceptionDecl memoryViolation, int width)
    {
        _base = @base;
        _bound = bound;
        _memoryViolation = memoryViolation;
        _w = new TermWordArithmetic(width);
        _lemmas = new RelocationBoundsLemmas(_w);
        AllocationBase = Term.BvVar("alloc.base", width);
        AllocationSize = Term.BvVar("alloc.size", width + 1);
    }

    /// <summary>The model for a spec the runtime's relocation-bounds allocator accepts (resource L, B; memtrap MemoryViolation), else null.</summary>
    public static RelocationBoundsProofModel? For(IsaModel model)
    {
        if (model.Register("L") is not { IsFile: false } l || model.Register("B") is not { IsFile: false } b) return null;
        if (model.Exception("MemoryViolation") is not { } violation) return null;
        if (!model.Roles.Resources.Select(r => r.Register).ToHashSet().SetEquals([l, b])) return null;
        var storage = model.Roles.Storage;
        if (l.Width != storage.AddressWidth || b.Width != storage.AddressWidth || storage.AddressWidth >= 64) return null;
        return new RelocationBoundsProofModel(l, b, violation, storage.AddressWidth);
    }

    public Term AllocationBase { get; }

    /// <summary>The allocation's size, one bit wider than an address (a VM may own all of machine memory).</summary>
    public Term AllocationSize { get; }

    public string Description => "relocation-bounds: R_real = R_alloc ∘ R_virtual (RelocationBoundsComposition)";

    public IReadOnlyList<string> VmMapText =>
    [
        $"f(v) = the real state: every register as in v, except",
        $"  real {_base.Name} = base + v.{_base.Name} (mod 2^{_w.Width}),",
        $"  real {_bound.Name} = min(v.{_bound.Name}, size - v.{_base.Name}) if v.{_base.Name} < size, else 0",
        "    (and real L = base when v.L >= size),",
        "  real mode = the spec's `enter user` block applied;",
        "  machine memory[base + a] = v.E[a] for a < size; every other machine cell is the VMM's or another VM's and unchanged,",
        "  and the VM keeps v's mode and resource registers as its virtual state.",
        "Virtual states range over a VM with `size` bytes of RAM: guest-physical a >= size reads 0 (v.E[a] = 0 there).",
        "The allocation (base, size) is any with 1 <= size and base + size <= 2^w.",
    ];

    public IReadOnlySet<RegisterDecl> ExtraVirtualized { get; } = new HashSet<RegisterDecl>();

    public Term AllocationIsValid => Term.And(
        Term.ULe(_w.WideWord(1), AllocationSize),
        Term.ULe(AllocationSize, _w.WideWord(1UL << _w.Width)),
        Term.ULe(Term.Add(_w.Widen(AllocationBase), AllocationSize), _w.WideWord(1UL << _w.Width)));

    public Term InAllocation(Term machineAddress) => InRam(GuestAddress(machineAddress));

    public Term GuestAddress(Term machineAddress) => Term.Sub(machineAddress, AllocationBase);

    public Term MachineAddress(Term guestAddress) => Term.Add(AllocationBase, guestAddress);

    public Term InRam(Term guestAddress) => Term.ULt(_w.Widen(guestAddress), AllocationSize);

    public SymbolicState LoadRealResources(SymbolicState virtualState, SymbolicState real)
    {
        var (l, b) = RelocationBoundsComposition.Compose(
            _w, virtualState.Register(_base), virtualState.Register(_bound), AllocationBase, AllocationSize);
        return real.WithSlot(_base.Slot, l).WithSlot(_bound.Slot, b);
    }

    public IReadOnlyList<Term> CaseSplits(SymbolicState virtualState) =>
    [
        RelocationBoundsComposition.WindowBeyondRam(_w, virtualState.Register(_base), AllocationSize),
        RelocationBoundsComposition.BoundFitsRam(_w, virtualState.Register(_base), virtualState.Register(_bound), AllocationSize),
    ];

    public Term ReflectsMemoryTrap(TrapOutcome trap, SymbolicState virtualState) =>
        ReferenceEquals(trap.Exception, _memoryViolation)
            ? RelocationBoundsComposition.ReflectsMemoryTrap(_w, trap.Arguments[0], virtualState.Register(_bound))
            : Term.False;

    public Term ResourcesWithinAllocation(SymbolicState virtualState) =>
        _lemmas.WithinAllocation(virtualState.Register(_base), virtualState.Register(_bound), AllocationSize);

    public IReadOnlyList<AllocatorLemma> Lemmas => _lemmas.All;

    public IEnumerable<LemmaInstance> LemmaInstances(SymbolicState virtualState, IReadOnlySet<Term> terms) =>
        _lemmas.Instances(virtualState.Register(_base), virtualState.Register(_bound), AllocationBase, AllocationSize, terms);
}
