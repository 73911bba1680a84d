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
    : DelegatingAllocatorModel(inner)
{
    private readonly Term _allocationBase = inner.AllocationBase;

    public override string Description => "broken: real B = virtual B";

    public override IReadOnlyList<AllocatorLemma> Lemmas => extraLemma is null ? base.Lemmas : [.. base.Lemmas, extraLemma];

    public override IEnumerable<LemmaInstance> LemmaInstances(SymbolicState virtualState, IReadOnlySet<Term> terms) =>
        extraLemma is null
            ? base.LemmaInstances(virtualState, terms)
            : base.LemmaInstances(virtualState, terms).Append(new LemmaInstance(extraLemma, [.. extraLemma.Variables]));

    public override SymbolicState LoadRealResources(SymbolicState virtualState, SymbolicState real) =>
        real.WithSlot(@base.Slot, Term.Add(_allocationBase, virtualState.Register(@base)))
            .WithSlot(bound.Slot, virtualState.Register(bound));
}
