using System.Collections.Immutable;

namespace Virtualizability.Smt.Terms;

/// <summary>A concrete value of a term: what a solver's model assigns, or what evaluation under a model gives.</summary>
public abstract record ModelValue
{
    public abstract Sort Sort { get; }
}

public sealed record BoolValue(bool Value) : ModelValue
{
    public override Sort Sort => Sort.Bool;
    public override string ToString() => Value ? "true" : "false";
}

public sealed record BitVecValue : ModelValue
{
    public BitVecValue(ulong value, int width)
    {
        if ((value & ~BitVectorMath.Mask(width)) != 0) throw new ArgumentOutOfRangeException(nameof(value), value, $"does not fit {width} bits");
        Value = value;
        Width = width;
    }

    public ulong Value { get; }
    public int Width { get; }
    public override Sort Sort => Sort.BitVec(Width);
    public override string ToString() => SmtLibTermPrinter.BitVectorLiteral(Value, Width);
}

/// <summary>
/// A finite description of an array: explicit entries and a default for every other index.
/// Memories in witnesses take this form (the touched addresses and a default).
/// </summary>
public sealed record ArrayValue(int IndexWidth, int ElementWidth, ulong Default, ImmutableSortedDictionary<ulong, ulong> Entries) : ModelValue
{
    public override Sort Sort => Sort.Array(IndexWidth, ElementWidth);

    public static ArrayValue Constant(int indexWidth, int elementWidth, ulong value) =>
        new(indexWidth, elementWidth, value, ImmutableSortedDictionary<ulong, ulong>.Empty);

    public ulong Read(ulong index) => Entries.TryGetValue(index, out var v) ? v : Default;

    public ArrayValue Write(ulong index, ulong value) => this with { Entries = Entries.SetItem(index, value) };

    /// <summary>The array b with b[i + offset] = this[i].</summary>
    public ArrayValue Shift(ulong offset) => this with
    {
        Entries = Entries.ToImmutableSortedDictionary(e => BitVectorMath.Truncate(e.Key + offset, IndexWidth), e => e.Value),
    };

    /// <summary>Extensional equality: same element at every index of the domain.</summary>
    public bool SameContents(ArrayValue other)
    {
        var keys = Entries.Keys.Union(other.Entries.Keys).ToList();
        if (keys.Any(k => Read(k) != other.Read(k))) return false;
        var coversDomain = IndexWidth < 64 && (ulong)keys.Count == 1UL << IndexWidth;
        return coversDomain || Default == other.Default;
    }

    public bool Equals(ArrayValue? other) => other is not null && other.Sort == Sort && SameContents(other);

    public override int GetHashCode() => Sort.GetHashCode();

    public override string ToString() =>
        $"[{string.Join(", ", Entries.Select(e => $"{e.Key:x}: {e.Value:x}"))}{(Entries.IsEmpty ? "" : ", ")}else {Default:x}]";
}
