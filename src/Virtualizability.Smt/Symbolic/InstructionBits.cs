using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Smt.Symbolic;

/// <summary>
/// The bits of one instruction as terms, numbered as encoding patterns number them (bit 0 is the least
/// significant bit of the whole pattern value). A fixed encoding gives one word; a byte encoding gives its bytes,
/// the first byte being the most significant.
/// </summary>
public sealed class InstructionBits
{
    private readonly ImmutableArray<Term> units;
    private readonly int unitWidth;

    private InstructionBits(ImmutableArray<Term> units, int unitWidth, int length)
    {
        this.units = units;
        this.unitWidth = unitWidth;
        Length = length;
    }

    public int Length { get; }

    public ImmutableArray<Term> Units => units;

    public static InstructionBits FromWord(Term word) => new([word], word.Width, word.Width);

    public static InstructionBits FromBytes(IEnumerable<Term> bytes)
    {
        var list = bytes.ToImmutableArray();
        if (list.Any(b => b.Width != 8)) throw new ArgumentException("instruction bytes must be 8 bits wide");
        return new InstructionBits(list, 8, 8 * list.Length);
    }

    /// <summary>Bits high..low of the instruction, gathered across units.</summary>
    public Term Bits(int high, int low)
    {
        if (low < 0 || high < low || high >= Length) throw new ArgumentOutOfRangeException(nameof(high), $"bits [{high}:{low}] of a {Length}-bit instruction");
        Term? result = null;
        for (var u = 0; u < units.Length; u++)
        {
            // Unit u covers pattern bits [Length-1-u*w, Length-w-u*w].
            var unitHigh = Length - 1 - u * unitWidth;
            var unitLow = unitHigh - unitWidth + 1;
            var hi = Math.Min(high, unitHigh);
            var lo = Math.Max(low, unitLow);
            if (hi < lo) continue;
            var piece = Term.Extract(units[u], hi - unitLow, lo - unitLow);
            result = result is null ? piece : Term.Concat(result, piece);
        }
        return result!;
    }

    /// <summary>The value of an encoding field, with its bytes reversed when it is little-endian.</summary>
    public Term Field(EncodingField field)
    {
        var raw = Bits(field.Offset + field.Width - 1, field.Offset);
        if (!field.LittleEndian) return raw;
        Term? swapped = null;
        for (var i = 0; i < field.Width / 8; i++)
        {
            var b = Term.Extract(raw, 8 * i + 7, 8 * i);   // least significant byte first becomes most significant
            swapped = swapped is null ? b : Term.Concat(swapped, b);
        }
        return swapped!;
    }

    /// <summary>The condition (bits &amp; Mask) == Value of a pattern, one unit at a time (patterns may exceed 64 bits).</summary>
    public Term Matches(EncodingPattern pattern) =>
        pattern.Length != Length ? Term.False : Matches(pattern.Mask, pattern.Value);

    /// <summary>
    /// The condition that these bits start with a match of <paramref name="pattern"/>, or (a longer pattern) match its
    /// first bits: the pattern as a condition on this many bits of the stream (<see cref="EncodingPattern.Window"/>).
    /// </summary>
    public Term MatchesWindow(EncodingPattern pattern)
    {
        var (mask, value) = pattern.Window(Length);
        return Matches(mask, value);
    }

    private Term Matches(UInt128 patternMask, UInt128 patternValue)
    {
        var parts = new List<Term>();
        for (var u = 0; u < units.Length; u++)
        {
            var shift = Length - unitWidth * (u + 1);
            var unitMask = BitVectorMath.Mask(unitWidth);
            var mask = (ulong)(patternMask >> shift) & unitMask;
            var value = (ulong)(patternValue >> shift) & unitMask;
            parts.Add(Term.Eq(Term.BvAnd(units[u], Term.Bv(mask, unitWidth)), Term.Bv(value, unitWidth)));
        }
        return Term.And(parts);
    }
}
