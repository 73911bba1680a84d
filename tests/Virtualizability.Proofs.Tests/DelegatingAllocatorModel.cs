using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Lemmas;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// An allocator model that is <paramref name="inner"/> in every part (the interface's defaulted members included, so a
/// broken model never falls back to a default the real one overrides) except what a test breaks by overriding.
/// </summary>
internal abstract class DelegatingAllocatorModel(IAllocatorProofModel inner) : IAllocatorProofModel
{
    public abstract string Description { get; }
    public virtual IReadOnlyList<string> VmMapText => inner.VmMapText;
    public virtual IReadOnlySet<RegisterDecl> ExtraVirtualized => inner.ExtraVirtualized;
    public virtual Term AllocationIsValid => inner.AllocationIsValid;
    public virtual Term InAllocation(Term machineAddress) => inner.InAllocation(machineAddress);
    public virtual Term GuestAddress(Term machineAddress) => inner.GuestAddress(machineAddress);
    public virtual Term MachineAddress(Term guestAddress) => inner.MachineAddress(guestAddress);
    public virtual Term InRam(Term guestAddress) => inner.InRam(guestAddress);
    public virtual SymbolicState LoadRealResources(SymbolicState virtualState, SymbolicState real) => inner.LoadRealResources(virtualState, real);
    public virtual Term ReflectsMemoryTrap(TrapOutcome trap, SymbolicState virtualState) => inner.ReflectsMemoryTrap(trap, virtualState);
    public virtual Term ReflectsTrap(TrapOutcome trap, SymbolicState virtualState, Term virtualUser) => inner.ReflectsTrap(trap, virtualState, virtualUser);
    public virtual IReadOnlyList<Term> CaseSplits(SymbolicState virtualState) => inner.CaseSplits(virtualState);
    public virtual Term ResourcesWithinAllocation(SymbolicState virtualState) => inner.ResourcesWithinAllocation(virtualState);
    public virtual IReadOnlyList<AllocatorLemma> Lemmas => inner.Lemmas;
    public virtual IEnumerable<LemmaInstance> LemmaInstances(SymbolicState virtualState, IReadOnlySet<Term> terms) => inner.LemmaInstances(virtualState, terms);
    public virtual SymbolicState? SaveAfterDirectStep(SymbolicState virtualState, SymbolicState real) => inner.SaveAfterDirectStep(virtualState, real);
    public virtual bool ReducesMemoryReads => inner.ReducesMemoryReads;
    public virtual bool PrefersOutcomeSplit => inner.PrefersOutcomeSplit;
}
