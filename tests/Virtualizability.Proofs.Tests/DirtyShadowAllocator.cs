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
internal sealed class DirtyShadowAllocator(MipsShadowProofModel inner, MipsRegisters registers) : DelegatingAllocatorModel(inner)
{
    public override string Description => "broken: shadow entries always writable";

    public override SymbolicState LoadRealResources(SymbolicState virtualState, SymbolicState real)
    {
        var loaded = base.LoadRealResources(virtualState, real);
        var dirty = Term.Bv(ShadowEntryDefinition.Dirty, 32);
        foreach (var lo in new[] { registers.TlbLo0, registers.TlbLo1 })
            for (var i = 0; i < lo.Count; i++)
                loaded = loaded.WithSlot(lo.Slot + i, Term.BvOr(loaded.Register(lo, i), dirty));
        return loaded;
    }
}
