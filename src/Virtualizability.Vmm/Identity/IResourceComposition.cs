using Virtualizability.Isa.Ir;
using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Vmm.Identity;

/// <summary>A register (an entry of a file) and the real value the allocator loads into it.</summary>
public readonly record struct RealRegisterValue<T>(RegisterDecl Register, int Index, T Value);

/// <summary>
/// The ISA-specific part of the identity policy (<see cref="IdentityAllocator"/>): real values of resource registers
/// that the real machine, always in user mode, would read differently from the guest in its virtual mode (RISC-V PMP:
/// an M-mode guest's accesses are checked as U-mode ones). Written once over <see cref="IBitVectorArithmetic{T, TBool}"/>,
/// so the runtime and the VMM proofs evaluate the same definition.
/// </summary>
public interface IResourceComposition
{
    /// <summary>What the policy is, in one line (the proofs' manifest, the docs).</summary>
    string Description { get; }

    /// <summary>The policy stated precisely (the obligation files' headers).</summary>
    IReadOnlyList<string> Text { get; }

    /// <summary>The real values of the registers this policy decides, from the virtual registers.</summary>
    IReadOnlyList<RealRegisterValue<T>> Compose<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> virtualRegister);

    /// <summary>The virtual states whose resources the real ones express exactly (where efficiency is claimed).</summary>
    TBool ExpressedExactly<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> virtualRegister);

    /// <summary>Conditions on which the composition depends by cases (the proofs split obligations on them).</summary>
    IReadOnlyList<TBool> Cases<T, TBool>(IBitVectorArithmetic<T, TBool> b, Func<RegisterDecl, int, T> virtualRegister);
}

/// <summary>The identity policy's ISA-specific compositions, chosen by the spec.</summary>
public static class ResourceCompositions
{
    /// <summary>The composition the runtime uses for <paramref name="model"/> (null: the guest's own resources suffice).</summary>
    public static IResourceComposition? For(IsaModel model) => RiscvPmpComposition.For(model);
}
