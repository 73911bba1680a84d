using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Ir;

public enum EncodingKind
{
    /// <summary>Every instruction is one word of <see cref="EncodingScheme.Width"/> bits (MIPS, RISC-V, ARM: 32; PDP-10: 36).</summary>
    Fixed,
    /// <summary>Instructions are 1..16 bytes (x86, S/360); each pattern's length is a multiple of 8.</summary>
    Bytes,
}

/// <summary>
/// How instruction words are laid out. For <see cref="EncodingKind.Fixed"/> the `fetch` function returns the whole
/// word; for <see cref="EncodingKind.Bytes"/> it takes a byte offset from the start of the instruction and returns one byte.
/// </summary>
public sealed record EncodingScheme(EncodingKind Kind, int Width, FunctionDecl Fetch)
{
    /// <summary>Longest pattern, in bits (Width for fixed encodings).</summary>
    public int MaxLength { get; init; } = Width;
}

/// <summary>
/// A named field of an encoding. Bits are numbered from the least significant bit of the whole pattern value
/// (for byte encodings, the first byte is the most significant). A little-endian field (`imm:32le`) covers whole
/// bytes and has its bytes reversed after extraction, as x86 immediates are stored.
/// </summary>
public sealed record EncodingField(string Name, int Offset, int Width, bool LittleEndian, Local Local);

/// <summary>
/// A bit pattern: the instruction matches when (word &amp; Mask) == Value. <see cref="Length"/> is in bits.
/// Pattern text is written most significant bit first, e.g. "000000 rs:5 rt:5 rd:5 00000 100001".
/// </summary>
public sealed record EncodingPattern(string Text, int Length, UInt128 Mask, UInt128 Value, ImmutableArray<EncodingField> Fields)
{
    public bool Matches(UInt128 word) => (word & Mask) == Value;

    /// <summary>True when some word matches both patterns (only meaningful for equal lengths).</summary>
    public bool Overlaps(EncodingPattern other) => Length == other.Length && ((Value ^ other.Value) & Mask & other.Mask) == UInt128.Zero;

    /// <summary>True when every word this pattern matches is also matched by <paramref name="other"/>, and not conversely.</summary>
    public bool IsStrictlyMoreSpecificThan(EncodingPattern other) =>
        Length == other.Length && (Mask & other.Mask) == other.Mask && Mask != other.Mask && (Value & other.Mask) == other.Value;

    /// <summary>
    /// The pattern as a condition on the first <paramref name="length"/> bits of an instruction stream (byte encodings:
    /// the decoder reads bytes as long as a pattern needs them). A shorter pattern gets don't-care bits after its end; a
    /// longer one loses its tail.
    /// </summary>
    public (UInt128 Mask, UInt128 Value) Window(int length) =>
        length >= Length
            ? (Mask << (length - Length), Value << (length - Length))
            : (Mask >> (Length - length), Value >> (Length - length));

    /// <summary>Whether the first <paramref name="length"/> bits of a stream, <paramref name="word"/>, match <see cref="Window"/>.</summary>
    public bool MatchesWindow(UInt128 word, int length)
    {
        var (mask, value) = Window(length);
        return (word & mask) == value;
    }

    /// <summary>True when some instruction stream starts with a match of both patterns (lengths may differ).</summary>
    public bool OverlapsAsStream(EncodingPattern other)
    {
        var length = Math.Max(Length, other.Length);
        var (m1, v1) = Window(length);
        var (m2, v2) = other.Window(length);
        return ((v1 ^ v2) & m1 & m2) == UInt128.Zero;
    }

    /// <summary>
    /// True when every stream this pattern matches is also matched by <paramref name="other"/>, and not conversely (a
    /// shorter pattern matches every continuation of its bytes). For equal lengths this is
    /// <see cref="IsStrictlyMoreSpecificThan"/>. The byte decoder tries patterns with more fixed bits first, which agrees.
    /// </summary>
    public bool IsStrictlyMoreSpecificAsStreamThan(EncodingPattern other)
    {
        var length = Math.Max(Length, other.Length);
        var (m1, v1) = Window(length);
        var (m2, v2) = other.Window(length);
        return (m1 & m2) == m2 && m1 != m2 && (v1 & m2) == v2;
    }

    /// <summary>
    /// True when this pattern takes every word of <paramref name="other"/> it matches away from it, whatever bytes
    /// follow: it is strictly more specific, and fixes no bit beyond the other's length. A longer pattern with fixed
    /// bits in its tail takes only the streams whose tail matches, so the other's word still decodes to the other.
    /// </summary>
    public bool WinsEveryWordOf(EncodingPattern other) =>
        IsStrictlyMoreSpecificAsStreamThan(other)
        && (Length <= other.Length || (Mask & ((UInt128.One << (Length - other.Length)) - 1)) == UInt128.Zero);

    /// <summary>
    /// Builds the word that has these field values (fields not given are 0; don't-care bits are 0). The inverse of
    /// <see cref="Extract"/>: tests, benchmarks and `pgcheck exec` users assemble programs with it.
    /// </summary>
    public UInt128 Encode(IReadOnlyDictionary<string, ulong> fields)
    {
        var word = Value;
        foreach (var (name, value) in fields)
        {
            var field = Fields.FirstOrDefault(f => f.Name == name)
                ?? throw new ArgumentException($"the pattern \"{Text}\" has no field '{name}'", nameof(fields));
            if (field.Width < 64 && value >> field.Width != 0)
                throw new ArgumentOutOfRangeException(nameof(fields), $"0x{value:x} does not fit in field '{name}' of {field.Width} bits");
            var raw = value;
            if (field.LittleEndian)
            {
                raw = 0;
                for (var i = 0; i < field.Width / 8; i++) raw |= ((value >> (8 * i)) & 0xFF) << (field.Width - 8 - 8 * i);
            }
            word |= (UInt128)raw << field.Offset;
        }
        return word;
    }

    /// <summary>Extracts a field's raw value from a matched word.</summary>
    public ulong Extract(UInt128 word, EncodingField field)
    {
        var raw = (ulong)((word >> field.Offset) & ((UInt128.One << field.Width) - 1));
        if (!field.LittleEndian) return raw;
        ulong swapped = 0;
        for (var i = 0; i < field.Width / 8; i++) swapped |= ((raw >> (8 * i)) & 0xFF) << (field.Width - 8 - 8 * i);
        return swapped;
    }
}

public sealed record InstructionDecl(string Name, string? Description, EncodingPattern Encoding, Block Body, int Index, SourceSpan Span)
{
    public bool Equals(InstructionDecl? other) => ReferenceEquals(this, other);
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
