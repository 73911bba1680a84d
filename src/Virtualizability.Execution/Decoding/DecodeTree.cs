using Virtualizability.Isa.Ir;

namespace Virtualizability.Execution.Decoding;

/// <summary>A node of the fixed-width decoder: a table indexed by some instruction bits, or a short list of candidates.</summary>
internal abstract record DecodeNode;

/// <summary>Dispatches on bits [Shift, Shift + Bits) of the word; words whose key has no child are undefined.</summary>
internal sealed record DecodeSwitch(int Shift, int Bits, IReadOnlyDictionary<int, DecodeNode> Children) : DecodeNode
{
    public int Key(ulong word) => (int)((word >> Shift) & ((1UL << Bits) - 1));
}

/// <summary>Candidates tested in order, most specific first.</summary>
internal sealed record DecodeLeaf(InstructionDecl[] Candidates) : DecodeNode;

/// <summary>
/// Builds the decoder of a fixed-width encoding as a tree of tables. At each node the table bits are the longest
/// run of bits that every remaining candidate fixes (so each candidate lands in exactly one entry, and candidates
/// that overlap land together); the recursion stops at small lists or when no bit is common. For MIPS this gives
/// a table on the major opcode with sub-tables on SPECIAL's function field.
/// </summary>
internal static class DecodeTreeBuilder
{
    private const int MaxTableBits = 10;
    private const int LeafSize = 2;

    public static DecodeNode Build(IEnumerable<InstructionDecl> instructions, int width) =>
        Build(instructions.ToList(), usedBits: 0, BitOpsMask(width));

    private static DecodeNode Build(List<InstructionDecl> candidates, ulong usedBits, ulong widthMask)
    {
        if (candidates.Count <= LeafSize) return new DecodeLeaf(Specificity.MostSpecificFirst(candidates));
        var common = widthMask & ~usedBits;
        foreach (var candidate in candidates) common &= (ulong)candidate.Encoding.Mask;
        if (common == 0) return new DecodeLeaf(Specificity.MostSpecificFirst(candidates));
        var (shift, bits) = LongestRun(common);
        var children = candidates
            .GroupBy(c => (int)(((ulong)c.Encoding.Value >> shift) & ((1UL << bits) - 1)))
            .ToDictionary(g => g.Key, g => Build(g.ToList(), usedBits | (((1UL << bits) - 1) << shift), widthMask));
        return new DecodeSwitch(shift, bits, children);
    }

    /// <summary>The longest run of consecutive set bits, highest first on ties, capped at <see cref="MaxTableBits"/> (keeping its top bits).</summary>
    private static (int Shift, int Bits) LongestRun(ulong bits)
    {
        var (bestShift, bestLength) = (0, 0);
        var bit = 63;
        while (bit >= 0)
        {
            if ((bits >> bit & 1) == 0) { bit--; continue; }
            var top = bit;
            while (bit >= 0 && (bits >> bit & 1) == 1) bit--;
            var length = top - bit;
            if (length > bestLength) (bestShift, bestLength) = (bit + 1, length);
        }
        if (bestLength > MaxTableBits) (bestShift, bestLength) = (bestShift + bestLength - MaxTableBits, MaxTableBits);
        return (bestShift, bestLength);
    }

    private static ulong BitOpsMask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    public static InstructionDecl? Decode(DecodeNode root, ulong word)
    {
        var node = root;
        while (node is DecodeSwitch table)
            if (!table.Children.TryGetValue(table.Key(word), out node)) return null;
        foreach (var candidate in ((DecodeLeaf)node).Candidates)
            if (((ulong)candidate.Encoding.Mask & word) == (ulong)candidate.Encoding.Value) return candidate;
        return null;
    }

    internal static int Depth(DecodeNode node) =>
        node is DecodeSwitch table ? 1 + table.Children.Values.Max(Depth) : 0;
}
