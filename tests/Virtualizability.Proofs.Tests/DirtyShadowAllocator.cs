using Virtualizability.Isa.Ir;
using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Allocation.Mips;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;
using Virtualizability.Vmm.Mips;

namespace Virtualizability.Proofs.Tests;

/// <summary>
/// The MIPS allocator with every real TLB entry made writable (EntryLo.D set whatever the guest's page says): a store
/// to a page the guest keeps clean then completes directly instead of raising the guest's TLB modified exception.
/// Every other part is the real model's.
/// </summary>
internal sealed class DirtyShadowAllocator(MipsShadowProofModel inner, MipsRegisters registers) : IAllocatorProofModel
{
    public string Description => "broken: shadow entries always writable";
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
    public SymbolicState? SaveAfterDirectStep(SymbolicState virtualState, SymbolicState real) => inner.SaveAfterDirectStep(virtualState, real);

    public SymbolicState LoadRealResources(SymbolicState virtualState, SymbolicState real)
    {
        var loaded = inner.LoadRealResources(virtualState, real);
        var dirty = Term.Bv(ShadowEntryDefinition.Dirty, 32);
        foreach (var lo in new[] { registers.TlbLo0, registers.TlbLo1 })
            for (var i = 0; i < lo.Count; i++)
                loaded = loaded.WithSlot(lo.Slot + i, Term.BvOr(loaded.Register(lo, i), dirty));
        return loaded;
    }
}
