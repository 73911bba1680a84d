using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Lemmas;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.Identity;

namespace Virtualizability.Proofs.Allocation;

/// <summary>
/// The proofs' view of <see cref="IdentityAllocator"/>: one VM owns all of machine memory at the same addresses, so the
/// memory relation is equality (machine memory = v's storage; there is nothing outside the allocation), and the real
/// resources are the spec's `vmmap` block run on v with a symbolic offset (any choice the allocator makes), then the
/// ISA's <see cref="IResourceComposition"/> (riscv PMP) evaluated on terms — the runtime's own definitions — then the
/// spec's `enter user` block. Every real memory trap is interpreted.
/// </summary>
public sealed class IdentityProofModel : IAllocatorProofModel
{
    private readonly IsaModel _model;
    private readonly IResourceComposition? _composition;
    private readonly int[] _mappedSlots;
    private readonly IReadOnlySet<ExceptionDecl> _modeIndependent;
    private readonly VmMapRenamingLemmas _renamings;

    private IdentityProofModel(IsaModel model, IResourceComposition? composition)
    {
        _model = model;
        _composition = composition;
        _modeIndependent = ModeIndependentTraps.For(model);
        // Without a vmmap (the identity map) the offset is unused; one bit keeps the shape.
        Offset = Term.BvVar("alloc.x", model.VmMap?.Offset.Type.Width ?? 1);
        _mappedSlots = [.. model.Roles.ModeState.Concat(model.Roles.Resources).Select(r => r.Register).Distinct()
            .SelectMany(r => Enumerable.Range(r.Slot, r.Count)).Order()];
        _renamings = new VmMapRenamingLemmas(model);
    }

    /// <summary>The model for a spec the runtime's identity allocator accepts, else null.</summary>
    public static IdentityProofModel? For(IsaModel model, IResourceComposition? composition = null) =>
        IdentityAllocator.Accepts(model) ? new IdentityProofModel(model, composition ?? ResourceCompositions.For(model)) : null;

    /// <summary>The VM map's offset the allocator chose (symbolic: every choice is proved).</summary>
    public Term Offset { get; }

    public string Description =>
        (_model.VmMap is null
            ? "identity: one VM owns machine memory; no vmmap, so R_real = R_virtual"
            : "identity: one VM owns machine memory; R_real = R_alloc ∘ R_virtual by the spec's vmmap")
        + (_composition is null ? "" : " and " + _composition.Description);

    public IReadOnlyList<string> VmMapText =>
    [
        "f(v) = the real state: every register as in v, except",
        _model.VmMap is { } map
            ? $"  the mode and resource registers: the spec's `vmmap {map.Name}` block run on v with offset alloc.x (any value),"
            : "  the mode and resource registers: as in v (the spec declares no vmmap: the VM map is the identity),",
        .. _composition?.Text ?? [],
        "  real mode = the spec's `enter user` block applied;",
        "  memory traps are interpreted; other traps reflected in virtual user mode"
            + (_modeIndependent.Count == 0 ? "" : " and for " + string.Join(", ", _modeIndependent.Select(e => e.Name).Order()) + " in any mode")
            + ", else interpreted;",
        "  machine memory = v's storage (the VM owns all of it, at the same addresses),",
        "  and the VM keeps v's mode and resource registers as its virtual state.",
    ];

    public IReadOnlySet<RegisterDecl> ExtraVirtualized { get; } = new HashSet<RegisterDecl>();

    public Term AllocationIsValid => Term.True;

    public Term InAllocation(Term machineAddress) => Term.True;

    public Term GuestAddress(Term machineAddress) => machineAddress;

    public Term MachineAddress(Term guestAddress) => guestAddress;

    public Term InRam(Term guestAddress) => Term.True;

    public SymbolicState LoadRealResources(SymbolicState virtualState, SymbolicState real)
    {
        var mapped = SymbolicExecutor.ApplyVmMap(_model, virtualState, Offset);
        foreach (var slot in _mappedSlots) real = real.WithSlot(slot, mapped.Slots[slot]);
        if (_composition is null) return real;
        foreach (var (register, index, value) in _composition.Compose(TermBitVectorArithmetic.Instance, virtualState.Register))
            real = real.WithSlot(register.Slot + index, value);
        return real;
    }

    public Term ReflectsMemoryTrap(TrapOutcome trap, SymbolicState virtualState) => Term.False;

    public Term ReflectsTrap(TrapOutcome trap, SymbolicState virtualState, Term virtualUser) =>
        _modeIndependent.Contains(trap.Exception) ? Term.True : virtualUser;

    public IReadOnlyList<Term> CaseSplits(SymbolicState virtualState) =>
        _composition?.Cases(TermBitVectorArithmetic.Instance, virtualState.Register) ?? [];

    public Term ResourcesWithinAllocation(SymbolicState virtualState) =>
        _composition?.ExpressedExactly(TermBitVectorArithmetic.Instance, virtualState.Register) ?? Term.True;

    /// <summary>That the vmmap's renaming functions are injective (s360's key rotation; none for a map without one).</summary>
    public IReadOnlyList<AllocatorLemma> Lemmas => _renamings.All;

    /// <summary>At every comparison of two renamed values (s360: a real storage key with the real PSW key, or with 0).</summary>
    public IEnumerable<LemmaInstance> LemmaInstances(SymbolicState virtualState, IReadOnlySet<Term> terms) => _renamings.Instances(Offset, terms);
}
