using System.Collections.Immutable;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Obligations;

/// <summary>How an obligation was split: the argument that the parts' conditions cover every case differs.</summary>
public enum SplitKind
{
    /// <summary>On encoding-field values (<see cref="EncodingFieldSplit"/>): the conditions partition the values.</summary>
    Fields,

    /// <summary>On the VMM step's outcomes (<see cref="OutcomeSplit"/>): none, exactly one, or at least two guards hold.</summary>
    Outcomes,
}

/// <summary>
/// One part of a split obligation: the obligation restricted to the states that satisfy <see cref="Condition"/>.
/// The parts' conditions cover every state (by construction: <see cref="EncodingFieldSplit"/>, <see cref="OutcomeSplit"/>),
/// so the obligation holds iff it holds in every part.
/// </summary>
/// <param name="Label">The file-name suffix, e.g. <c>csr-0x300</c>.</param>
/// <param name="Description">The condition in words (file header, manifest).</param>
/// <param name="DecodedUnits">The units the virtual (and so the real) step decodes: v's fetched units with the split
/// fields' bits replaced by the part's constants, or by fresh variables that <see cref="Condition"/> equates with the
/// fetched bits; null for a part that decodes v's fetched units as the whole obligation does.</param>
/// <param name="Condition">The part's case: asserted in the part's file, rewritten with the memory definitions and the
/// allocator's cases but not with <see cref="Assumptions"/> (the assertion is what justifies them).</param>
/// <param name="Link">For a part that decodes fresh field variables: each equals the fetched field (asserted); true
/// otherwise.</param>
/// <param name="Assumptions">Terms whose values <see cref="Condition"/> decides: the rewriter replaces them (and their
/// rewritten forms) by those values in the rest of the formula (sound because the condition is asserted).</param>
public sealed record ObligationPart(
    string Label,
    string Description,
    int Index,
    int Count,
    ImmutableArray<Term>? DecodedUnits,
    Term Condition,
    Term Link,
    IReadOnlyDictionary<Term, Term> Assumptions)
{
    public SplitKind Kind { get; init; } = SplitKind.Fields;

    /// <summary>
    /// The file asserts the condition (and that v decodes the instruction) without the negated obligation: unsat says
    /// the condition never holds, a stronger statement than the part needs (the outcome split's "two outcomes at once").
    /// </summary>
    public bool ConditionOnly { get; init; }
}
