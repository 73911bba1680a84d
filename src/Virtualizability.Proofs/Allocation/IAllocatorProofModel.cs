using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Lemmas;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Allocation;

/// <summary>
/// The allocator of a VMM as the proofs see it: one VM's allocation of machine memory (symbolic, constrained to be a
/// valid one) and the allocator's part of the VM map f — how the real resources are computed from the virtual ones —
/// and its memory-trap policy. An implementation must evaluate the same definitions the runtime allocator uses.
/// </summary>
public interface IAllocatorProofModel
{
    /// <summary>A one-line name of the policy (for the manifest and the reports).</summary>
    string Description { get; }

    /// <summary>The VM map, stated precisely (for the obligation files' headers and the docs).</summary>
    IReadOnlyList<string> VmMapText { get; }

    /// <summary>Registers the allocator keeps virtual beyond the spec's mode and resource roles.</summary>
    IReadOnlySet<RegisterDecl> ExtraVirtualized { get; }

    /// <summary>What makes the symbolic allocation a valid one (inside machine memory, non-empty).</summary>
    Term AllocationIsValid { get; }

    /// <summary>Machine address <paramref name="machineAddress"/> belongs to the VM's allocation.</summary>
    Term InAllocation(Term machineAddress);

    /// <summary>The guest-physical address of a machine address in the allocation.</summary>
    Term GuestAddress(Term machineAddress);

    /// <summary>The machine address of a guest-physical address in the VM's RAM.</summary>
    Term MachineAddress(Term guestAddress);

    /// <summary>Guest-physical address <paramref name="guestAddress"/> is in the VM's RAM (beyond it reads 0 and drops writes).</summary>
    Term InRam(Term guestAddress);

    /// <summary>The real state's resource registers as the allocator loads them for the virtual state (its LoadRealResources).</summary>
    SymbolicState LoadRealResources(SymbolicState virtualState, SymbolicState real);

    /// <summary>The allocator reflects this memory trap to the guest (otherwise the interpreter runs the instruction).</summary>
    Term ReflectsMemoryTrap(TrapOutcome trap, SymbolicState virtualState);

    /// <summary>
    /// The allocator reflects this trap, which is not a memory trap, to the guest (the runtime's
    /// <c>IAllocator.ReflectsTrap</c>); by default exactly in virtual user mode (<paramref name="virtualUser"/>).
    /// </summary>
    Term ReflectsTrap(TrapOutcome trap, SymbolicState virtualState, Term virtualUser) => virtualUser;

    /// <summary>
    /// Conditions on which the VM map's real resources depend by cases (for relocation-bounds: the guest's window lies
    /// beyond its RAM). The obligations are split on them, each case simplified with the condition's value: the same
    /// formula, easier to solve.
    /// </summary>
    IReadOnlyList<Term> CaseSplits(SymbolicState virtualState);

    /// <summary>
    /// The virtual states whose resources the real resources express exactly (every access the guest allows stays in
    /// its RAM): where efficiency is claimed.
    /// </summary>
    Term ResourcesWithinAllocation(SymbolicState virtualState);

    /// <summary>
    /// Facts about the allocator's arithmetic that the obligations need again and again, each proved once in its own
    /// file (<see cref="AllocatorLemma"/>). None by default: an allocator without lemmas is proved without them.
    /// </summary>
    IReadOnlyList<AllocatorLemma> Lemmas => [];

    /// <summary>
    /// The instances of <see cref="Lemmas"/> to assert in an obligation about <paramref name="virtualState"/> whose
    /// formula, before simplification, has the subterms <paramref name="terms"/> (where the lemma's terms occur in
    /// the formula, the solver gets the fact as clauses over its own atoms). Which instances are chosen cannot make an
    /// obligation wrongly proved: every instance of a proved lemma is valid.
    /// </summary>
    IEnumerable<LemmaInstance> LemmaInstances(SymbolicState virtualState, IReadOnlySet<Term> terms) => [];

    /// <summary>
    /// The virtual state after a real step that completed directly, with what the allocator's SaveRealResources moves
    /// into it from <paramref name="real"/>, for an allocator whose real resources are then as LoadRealResources makes
    /// them again (the MIPS real timer match and LL address). Null (the default): the real state after a direct step is
    /// the VMM's state as it is.
    /// </summary>
    SymbolicState? SaveAfterDirectStep(SymbolicState virtualState, SymbolicState real) => null;

    /// <summary>
    /// Whether the obligations replace each read of a memory that is only read by a fresh symbol with Ackermann's
    /// congruence constraints (<see cref="Simplification.MemoryReadElimination"/>): a pure bit-vector file that cvc5
    /// decides with eager bit-blasting. False by default (the committed proofs of the other specs keep arrays).
    /// </summary>
    bool ReducesMemoryReads => false;

    /// <summary>
    /// Whether `pgcheck prove` splits equivalence on the VMM step's outcomes (<see cref="Obligations.OutcomeSplit"/>) unless
    /// told otherwise (`--split`). False by default (the committed proofs of the other specs are whole obligations).
    /// </summary>
    bool PrefersOutcomeSplit => false;
}
