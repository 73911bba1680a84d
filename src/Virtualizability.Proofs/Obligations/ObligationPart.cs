using System.Collections.Immutable;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Obligations;

/// <summary>
/// One part of an obligation split on the values of encoding fields (<see cref="EncodingFieldSplit"/>): the
/// obligation restricted to the instructions whose fields satisfy <see cref="Condition"/>. The parts' conditions
/// partition the field values, so the obligation holds iff it holds in every part.
/// </summary>
/// <param name="Label">The file-name suffix, e.g. <c>csr-0x300</c>.</param>
/// <param name="Description">The condition in words (file header, manifest).</param>
/// <param name="DecodedUnits">The units the virtual (and so the real) step decodes: v's fetched units with the split
/// fields' bits replaced by the part's constants, or by fresh variables that <see cref="Condition"/> equates with the
/// fetched bits.</param>
/// <param name="Condition">The part's case, over v's fetched units: asserted in the part's file (memory definitions
/// apply to it as to the rest of the formula). The parts' conditions partition the fields' values.</param>
/// <param name="Link">For a part that decodes fresh field variables: each equals the fetched field (asserted); true
/// otherwise.</param>
/// <param name="Assumptions">Field comparisons over the fresh variables whose values <see cref="Condition"/> decides:
/// the rewriter replaces them by those values (sound because the condition is asserted).</param>
public sealed record ObligationPart(
    string Label,
    string Description,
    int Index,
    int Count,
    ImmutableArray<Term> DecodedUnits,
    Term Condition,
    Term Link,
    IReadOnlyDictionary<Term, Term> Assumptions);
