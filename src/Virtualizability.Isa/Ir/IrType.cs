namespace Virtualizability.Isa.Ir;

/// <summary>
/// The type of a run-time value: a fixed-width bit-vector bits(1..64) or a boolean.
/// Integers exist only at compile time (constants, widths, loop bounds), so they have no IR type.
/// </summary>
public readonly record struct IrType
{
    public const int MaxWidth = 64;

    private IrType(int width) => Width = width;

    /// <summary>Bit width, or 0 for bool.</summary>
    public int Width { get; }

    public bool IsBool => Width == 0;

    public static readonly IrType Bool = new(0);

    public static IrType Bits(int width)
    {
        if (width is < 1 or > MaxWidth) throw new ArgumentOutOfRangeException(nameof(width), width, "bits(N) needs 1 <= N <= 64");
        return new IrType(width);
    }

    /// <summary>All-ones mask of this width (1 for bool).</summary>
    public ulong Mask => IsBool ? 1UL : Width == 64 ? ulong.MaxValue : (1UL << Width) - 1;

    public override string ToString() => IsBool ? "bool" : $"bits({Width})";
}
