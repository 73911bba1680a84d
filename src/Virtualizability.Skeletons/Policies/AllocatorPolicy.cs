using Virtualizability.Isa.Ir;
using Virtualizability.Proofs;
using Virtualizability.Proofs.Allocation;

namespace Virtualizability.Skeletons.Policies;

/// <summary>Which allocator the skeleton gets.</summary>
public enum AllocatorKind
{
    /// <summary>
    /// The runtime's relocation-bounds policy (pg-machine): each VM one region of machine memory, real R = R_alloc ∘ R_virtual.
    /// Chosen exactly when the runtime and `pgcheck prove` have this policy for the spec.
    /// </summary>
    RelocationBounds,

    /// <summary>
    /// Every other spec: one VM owns all of machine memory at the same addresses, so the VM map f is the identity on
    /// memory and on the resource state and only the mode differs (the real machine is always in user mode). Correct
    /// for any virtualizable spec; an ISA-specific policy (a pmap, a shadow TLB) is what a VMM author writes next.
    /// </summary>
    Identity,
}

/// <summary>The allocator policy the skeleton is written for, and the spec's names it needs.</summary>
internal sealed record AllocatorPolicy(AllocatorKind Kind, RegisterDecl? Base, RegisterDecl? Bound, ExceptionDecl? Violation, bool Proved)
{
    public static AllocatorPolicy For(IsaModel model)
    {
        // The same test as the runtime's RelocationBoundsAllocator and the prover's model of it.
        var proofModel = VmmProver.AllocatorFor(model);
        if (proofModel is RelocationBoundsProofModel)
            return new AllocatorPolicy(AllocatorKind.RelocationBounds, model.Register("L"), model.Register("B"), model.Exception("MemoryViolation"), Proved: true);
        // `pgcheck prove` proves the runtime's identity VMM for every VM-map offset, the skeleton's identity map included,
        // unless the runtime adds an ISA composition the skeleton does not generate (riscv PMP; docs/vmm-generate.md).
        var proved = proofModel is IdentityProofModel && Virtualizability.Vmm.Identity.ResourceCompositions.For(model) is null;
        return new AllocatorPolicy(AllocatorKind.Identity, null, null, null, proved);
    }
}
