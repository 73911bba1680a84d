namespace Virtualizability.Smt.Terms;

public enum SortKind { Bool, BitVec, Array }

/// <summary>
/// The sort of a term: bool, a bit-vector of 1..64 bits, or an array from bit-vectors to bit-vectors
/// (memories). 64 bits is the IR's widest value, so every constant fits a <see cref="ulong"/>.
/// </summary>
public readonly record struct Sort
{
    private Sort(SortKind kind, int width, int indexWidth)
    {
        Kind = kind;
        Width = width;
        IndexWidth = indexWidth;
    }

    public SortKind Kind { get; }

    /// <summary>Bit width of a bit-vector, or of an array's elements; 0 for bool.</summary>
    public int Width { get; }

    /// <summary>Bit width of an array's index; 0 otherwise.</summary>
    public int IndexWidth { get; }

    public static readonly Sort Bool = new(SortKind.Bool, 0, 0);

    public static Sort BitVec(int width)
    {
        if (width is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(width), width, "bit-vector sorts have 1..64 bits");
        return new Sort(SortKind.BitVec, width, 0);
    }

    public static Sort Array(int indexWidth, int elementWidth)
    {
        if (indexWidth is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(indexWidth));
        if (elementWidth is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(elementWidth));
        return new Sort(SortKind.Array, elementWidth, indexWidth);
    }

    public bool IsBool => Kind == SortKind.Bool;
    public bool IsBitVec => Kind == SortKind.BitVec;
    public bool IsArray => Kind == SortKind.Array;

    /// <summary>All-ones mask of a bit-vector sort's width.</summary>
    public ulong Mask => BitVectorMath.Mask(Width);

    public Sort IndexSort => IsArray ? BitVec(IndexWidth) : throw new InvalidOperationException($"{this} is not an array sort");
    public Sort ElementSort => IsArray ? BitVec(Width) : throw new InvalidOperationException($"{this} is not an array sort");

    /// <summary>SMT-LIB 2 spelling of the sort.</summary>
    public override string ToString() => Kind switch
    {
        SortKind.Bool => "Bool",
        SortKind.BitVec => $"(_ BitVec {Width})",
        _ => $"(Array (_ BitVec {IndexWidth}) (_ BitVec {Width}))",
    };
}
