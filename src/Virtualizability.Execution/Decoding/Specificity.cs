using System.Numerics;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Execution.Decoding;

/// <summary>
/// Orders candidate patterns so the first match is the most specific one: a pattern strictly more specific
/// than another fixes strictly more bits, so sorting by fixed-bit count (then length, then declaration order)
/// puts it first. The binder guarantees that overlapping patterns are ordered by strict specificity.
/// </summary>
internal static class Specificity
{
    public static InstructionDecl[] MostSpecificFirst(IEnumerable<InstructionDecl> candidates) =>
        candidates
            .OrderByDescending(i => FixedBits(i.Encoding))
            .ThenByDescending(i => i.Encoding.Length)
            .ThenBy(i => i.Index)
            .ToArray();

    public static int FixedBits(EncodingPattern pattern) => (int)UInt128.PopCount(pattern.Mask);
}
