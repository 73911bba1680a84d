using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Lemmas;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// The relocation-bounds allocator with the composition's bound clipping left out (real B = virtual B): a guest whose
/// bound reaches beyond its RAM then reads and writes other machine memory directly. Every other part is the real model's,
/// its lemmas included (they are true of any allocator: asserting them cannot hide the fault), plus
/// <paramref name="extraLemma"/> with one instance in every obligation when given (a test that a false one proves nothing).
/// </summary>
internal sealed class UnclippedAllocator(RelocationBoundsProofModel inner, RegisterDecl @base, RegisterDecl bound, AllocatorLemma? extraLemma = null)
    : IAllocatorProofModel
{
    public string Description => "broken: real B = virtual B";
    public IReadOnlyList<string> VmMapText => inner.VmMapText;
    public IReadOnlySet<RegisterDecl> ExtraVirtualized => inner.ExtraVirtualized;
    public Term AllocationIsValid => inner.AllocationIsValid;
    public Term InAllocation(Term machineAddress) => inner.InAllocation(machineAddress);
    public Term GuestAddress(Term machineAddress) => inner.GuestAddress(machineAddress);
    public Term MachineAddress(Term guestAddress) => inner.MachineAddress(guestAddress);
    public Term InRam(Term guestAddress) => inner.InRam(guestAddress);
    public Term ReflectsMemoryTrap(TrapOutcome trap, SymbolicState virtualState) => inner.ReflectsMemoryTrap(trap, virtualState);
    public Term ResourcesWithinAllocation(SymbolicState virtualState) => inner.ResourcesWithinAllocation(virtualState);
    public IReadOnlyList<Term> CaseSplits(SymbolicState virtualState) => inner.CaseSplits(virtualState);
    public IReadOnlyList<AllocatorLemma> Lemmas => extraLemma is null ? inner.Lemmas : [.. inner.Lemmas, extraLemma];

    public IEnumerable<LemmaInstance> LemmaInstances(SymbolicState virtualState, IReadOnlySet<Term> terms) =>
        extraLemma is null
            ? inner.LemmaInstances(virtualState, terms)
            : inner.LemmaInstances(virtualState, terms).Append(new LemmaInstance(extraLemma, [.. extraLemma.Variables]));

    public SymbolicState LoadRealResources(SymbolicState virtualState, SymbolicState real) =>
        real.WithSlot(@base.Slot, Term.Add(inner.AllocationBase, virtualState.Register(@base)))
            .WithSlot(bound.Slot, virtualState.Register(bound));
}
