using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Simplification;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Symbolic;

/// <summary>
/// Machine memory and the VM's guest memory as the VM map defines them, applied to every read of a base array:
/// <list type="bullet">
/// <item>a machine memory m read at i is <c>ite(in-allocation(i), guest[i − base], m[i])</c>: the allocation holds the
/// guest's RAM, every other cell is m's own (another VM's, the VMM's);</item>
/// <item>the guest memory read at j is <c>ite(j &lt; size, guest[j], 0)</c>: the VM has <c>size</c> bytes of RAM.</item>
/// </list>
/// A formula rewritten this way quantifies over the guest memory and the machine memory outside the allocation, which
/// is exactly quantifying over a machine memory related to the guest's by f; its array symbols occur only under selects
/// at the indices that matter, and a machine read inside the allocation is syntactically the guest read it equals.
/// </summary>
public sealed class MemoryDefinition(Term guestMemory, IReadOnlyList<Term> machineMemories, IAllocatorProofModel allocator)
{
    // Normalizes the allocator's address terms (no assumptions, no definitions: its inputs are already rewritten).
    private readonly TermRewriter _normalize = new();
    private readonly Term _zero = Term.Bv(0, guestMemory.Sort.ElementSort.Width);

    public Term? Read(Term array, Term index)
    {
        if (ReferenceEquals(array, guestMemory))
            return Term.Ite(_normalize.Rewrite(allocator.InRam(index)), Term.Select(guestMemory, index), _zero);
        if (!machineMemories.Contains(array)) return null;
        var guest = _normalize.Rewrite(allocator.GuestAddress(index));
        return Term.Ite(_normalize.Rewrite(allocator.InAllocation(index)), Term.Select(guestMemory, guest), Term.Select(array, index));
    }
}
