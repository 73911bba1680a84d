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
