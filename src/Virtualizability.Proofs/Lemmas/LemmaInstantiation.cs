using Virtualizability.Proofs.Allocation;
using Virtualizability.Proofs.Simplification;
using Virtualizability.Smt.Symbolic;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Lemmas;

/// <summary>
/// The lemma instances an obligation asserts: the allocator chooses them from the formula's subterms; this makes each
/// one by substitution into a lemma the allocator declares (and the prover proves), so that what is asserted is an
/// instance of a proved formula whatever the allocator chose.
/// </summary>
public static class LemmaInstantiation
{
    /// <summary>The instances (in a run-independent order, duplicates dropped) and the lemmas they instantiate (in the allocator's order).</summary>
    public static (IReadOnlyList<Term> Instances, IReadOnlyList<AllocatorLemma> Used) Instantiate(
        IAllocatorProofModel allocator, SymbolicState virtualState, IReadOnlyList<Term> formula, StructuralFingerprints order)
    {
        var declared = allocator.Lemmas;
        if (declared.Count == 0) return ([], []);
        var terms = TermTraversal.PostOrder(formula).ToHashSet();
        var instances = new Dictionary<Term, AllocatorLemma>();
        foreach (var instance in allocator.LemmaInstances(virtualState, terms))
        {
            if (!declared.Contains(instance.Lemma))
                throw new InvalidOperationException($"lemma {instance.Lemma.Name} is not one of the allocator's (only those are proved)");
            var substitution = instance.Lemma.Variables.Zip(instance.Values).ToDictionary(p => p.First, p => p.Second);
            var term = new TermRewriter(order: order, substitution: substitution).Rewrite(instance.Lemma.Formula);
            if (!term.IsTrue) instances.TryAdd(term, instance.Lemma);
        }
        var used = instances.Values.ToHashSet();
        return ([.. instances.Keys.Order(Comparer<Term>.Create(order.Compare))], [.. declared.Where(used.Contains)]);
    }
}
