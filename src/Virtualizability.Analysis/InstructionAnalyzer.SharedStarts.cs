using Virtualizability.Analysis.Symbolic;
using System.Collections.Immutable;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Analysis;

/// <summary>
/// The batches of a group of questions, one per start state (docs/definitions.md, "Batches"). A group's questions
/// share the kind of execution they compare (the run and its twin, the run and its relocation), but a question over
/// user states starts from the user start (the bits Usr fixes set), the others from the fresh state, and executions
/// from two start states share no terms: a batch of both is as big as the two questions together and, being a
/// disjunction, harder than the two apart. riscv's CSRRS batch of mode-sensitivity on all states and the per-state
/// mode conjunct took z3 0.7 s of solving, the two questions 0.04 s and 0.3 s (the CSR access check and the match over
/// CSR numbers, twice, in each). So a group is batched per start state, and what one batch answers passes to the other
/// questions of the group along the implications, as the one-at-a-time questions' answers do.
/// </summary>
internal sealed partial class InstructionAnalyzer
{
    private void BatchPerStart(List<((PropertyKind Kind, Domain Domain) First, Claim Second)> group)
    {
        foreach (var part in group.GroupBy(p => p.Second.Start.Slots, SameTerms.Instance).Select(g => g.ToList()).ToList())
            while (part.Count > 1)
                if (Batch(part) is not false) break;
    }

    /// <summary>
    /// Answers <paramref name="q"/> from the answered questions among <paramref name="others"/>: "no" when it implies
    /// one answered no, "yes" when one answered yes implies it and that witness replays as its own. False when neither.
    /// </summary>
    private bool AnsweredByImplication((PropertyKind Kind, Domain Domain) q, IEnumerable<(PropertyKind Kind, Domain Domain)> others)
    {
        foreach (var o in others)
        {
            if (o.Equals(q) || !answers.TryGetValue(o, out var a)) continue;
            if (a.IsNo && Implies(q, o))
            {
                answers[q] = Answer.No();
                return true;
            }
            if (a.IsYes && Implies(o, q) && a.Claim is { } c && runner.TryReplay(c with { Kind = q.Kind, Domain = q.Domain }) is { } w)
            {
                answers[q] = Answer.Yes(w) with { Claim = c with { Kind = q.Kind, Domain = q.Domain } };
                return true;
            }
        }
        return false;
    }

    /// <summary>Start states with the same slot terms (terms are hash-consed: the same term is the same object).</summary>
    private sealed class SameTerms : IEqualityComparer<ImmutableArray<Term>>
    {
        public static readonly SameTerms Instance = new();

        public bool Equals(ImmutableArray<Term> a, ImmutableArray<Term> b) =>
            a.Length == b.Length && a.Zip(b).All(p => ReferenceEquals(p.First, p.Second));

        public int GetHashCode(ImmutableArray<Term> slots)
        {
            var hash = new HashCode();
            foreach (var t in slots) hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(t));
            return hash.ToHashCode();
        }
    }
}
