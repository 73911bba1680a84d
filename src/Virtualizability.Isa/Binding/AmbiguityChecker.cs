using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Isa.Binding;

/// <summary>
/// Finds pairs of patterns that can match the same word while neither is strictly more specific. In a byte encoding
/// patterns of different lengths compete for the same instruction stream (a 2-byte pattern matches every stream
/// starting with its bytes), so they are compared as streams: every pattern padded with don't-care bits to the longest.
/// Comparing all pairs is quadratic, so patterns are first split on bits most of them fix (patterns that do not
/// care about a bit go to both sides); only small groups are compared pairwise.
/// </summary>
internal static class AmbiguityChecker
{
    private const int LeafSize = 8;

    /// <summary>Reporting stops after this many pairs: one broken table should not flood the output.</summary>
    public const int MaxReports = 100;

    /// <summary>A pattern as a condition on the first <c>length</c> bits of the stream (<see cref="EncodingPattern.Window"/>).</summary>
    private sealed record Item(InstructionDecl Decl, UInt128 Mask, UInt128 Value);

    public static void Check(IReadOnlyList<InstructionDecl> instructions, DiagnosticBag diagnostics)
    {
        if (instructions.Count == 0) return;
        var reported = new HashSet<(int, int)>();
        var length = instructions.Max(i => i.Encoding.Length);
        var items = instructions.Select(i =>
        {
            var (mask, value) = i.Encoding.Window(length);
            return new Item(i, mask, value);
        }).ToList();
        Split(items, UInt128.Zero, length, reported, diagnostics);
    }

    /// <summary>
    /// A bit every pattern fixes and not all to the same value: splitting on it duplicates nothing. Cheap to find,
    /// and in real tables (opcode fields) it almost always exists.
    /// </summary>
    private static int PerfectSplitBit(List<Item> items, UInt128 used)
    {
        UInt128 allCare = ~used, anyOne = 0, allOne = ~UInt128.Zero;
        foreach (var item in items)
        {
            allCare &= item.Mask;
            anyOne |= item.Value;
            allOne &= item.Value;
        }
        var candidates = allCare & (anyOne ^ allOne);
        return candidates == 0 ? -1 : (int)UInt128.TrailingZeroCount(candidates);
    }

    private static void Split(List<Item> items, UInt128 used, int length, HashSet<(int, int)> reported, DiagnosticBag diagnostics)
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
                        if (((item.Mask >> bit) & 1) != 0) count++;
                    if (count > bestCount) (best, bestCount) = (bit, count);
                }
            }
            if (best >= 0)
            {
                var zeros = new List<Item>();
                var ones = new List<Item>();
                foreach (var item in items)
                {
                    var cares = ((item.Mask >> best) & 1) != 0;
                    var one = ((item.Value >> best) & 1) != 0;
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
            var (x, y) = items[i].Decl.Index < items[j].Decl.Index ? (items[i], items[j]) : (items[j], items[i]);
            var (a, b) = (x.Decl, y.Decl);
            if (!a.Encoding.OverlapsAsStream(b.Encoding) || a.Encoding.IsStrictlyMoreSpecificAsStreamThan(b.Encoding)
                || b.Encoding.IsStrictlyMoreSpecificAsStreamThan(a.Encoding)) continue;
            if (!reported.Add((a.Index, b.Index))) continue;
            diagnostics.Error(DiagnosticCodes.AmbiguousEncoding, b.Span,
                $"the encodings of '{a.Name}' and '{b.Name}' both match {Shared(x, y, length)} and neither is more specific than the other");
            if (reported.Count >= MaxReports) return;
        }
    }

    /// <summary>
    /// A word both match. Equal lengths: the word, as before. Different lengths: the bytes of the longer pattern, since
    /// the shorter one matches every continuation of its own.
    /// </summary>
    private static string Shared(Item x, Item y, int length)
    {
        var (a, b) = (x.Decl.Encoding, y.Decl.Encoding);
        if (a.Length == b.Length) return "0x" + (a.Value | b.Value).ToString("X");
        var bits = Math.Max(a.Length, b.Length);
        var word = (x.Value | y.Value) >> (length - bits);
        return "the bytes 0x" + word.ToString("X").PadLeft(bits / 4, '0');
    }
}
