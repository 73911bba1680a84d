using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Isa.Binding;

/// <summary>
/// Finds pairs of patterns that can match the same word while neither is strictly more specific.
/// Comparing all pairs is quadratic, so patterns are first split on bits most of them fix (patterns that do not
/// care about a bit go to both sides); only small groups are compared pairwise.
/// </summary>
internal static class AmbiguityChecker
{
    private const int LeafSize = 8;

    /// <summary>Reporting stops after this many pairs: one broken table should not flood the output.</summary>
    public const int MaxReports = 100;

    public static void Check(IReadOnlyList<InstructionDecl> instructions, DiagnosticBag diagnostics)
    {
        var reported = new HashSet<(int, int)>();
        foreach (var group in instructions.GroupBy(i => i.Encoding.Length))
        {
            var list = group.ToList();
            Split(list, UInt128.Zero, group.Key, reported, diagnostics);
        }
    }

    /// <summary>
    /// A bit every pattern fixes and not all to the same value: splitting on it duplicates nothing. Cheap to find,
    /// and in real tables (opcode fields) it almost always exists.
    /// </summary>
    private static int PerfectSplitBit(List<InstructionDecl> items, UInt128 used)
    {
        UInt128 allCare = ~used, anyOne = 0, allOne = ~UInt128.Zero;
        foreach (var item in items)
        {
            allCare &= item.Encoding.Mask;
            anyOne |= item.Encoding.Value;
            allOne &= item.Encoding.Value;
        }
        var candidates = allCare & (anyOne ^ allOne);
        return candidates == 0 ? -1 : (int)UInt128.TrailingZeroCount(candidates);
    }

    private static void Split(List<InstructionDecl> items, UInt128 used, int length, HashSet<(int, int)> reported, DiagnosticBag diagnostics)
    {
        if (reported.Count >= MaxReports) return;
        if (items.Count > LeafSize)
        {
            var best = PerfectSplitBit(items, used);
            if (best < 0)
            {
                var bestCount = 0;
                for (var bit = 0; bit < length; bit++)
                {
                    if (((used >> bit) & 1) != 0) continue;
                    var count = 0;
                    foreach (var item in items)
                        if (((item.Encoding.Mask >> bit) & 1) != 0) count++;
                    if (count > bestCount) (best, bestCount) = (bit, count);
                }
            }
            if (best >= 0)
            {
                var zeros = new List<InstructionDecl>();
                var ones = new List<InstructionDecl>();
                foreach (var item in items)
                {
                    var cares = ((item.Encoding.Mask >> best) & 1) != 0;
                    var one = ((item.Encoding.Value >> best) & 1) != 0;
                    if (!cares || !one) zeros.Add(item);
                    if (!cares || one) ones.Add(item);
                }
                var nowUsed = used | (UInt128.One << best);
                Split(zeros, nowUsed, length, reported, diagnostics);
                Split(ones, nowUsed, length, reported, diagnostics);
                return;
            }
        }
        for (var i = 0; i < items.Count; i++)
        for (var j = i + 1; j < items.Count; j++)
        {
            var (a, b) = items[i].Index < items[j].Index ? (items[i], items[j]) : (items[j], items[i]);
            if (!a.Encoding.Overlaps(b.Encoding) || a.Encoding.IsStrictlyMoreSpecificThan(b.Encoding)
                || b.Encoding.IsStrictlyMoreSpecificThan(a.Encoding)) continue;
            if (!reported.Add((a.Index, b.Index))) continue;
            var word = (a.Encoding.Value | b.Encoding.Value).ToString("X");
            diagnostics.Error(DiagnosticCodes.AmbiguousEncoding, b.Span,
                $"the encodings of '{a.Name}' and '{b.Name}' both match 0x{word} and neither is more specific than the other");
            if (reported.Count >= MaxReports) return;
        }
    }
}
