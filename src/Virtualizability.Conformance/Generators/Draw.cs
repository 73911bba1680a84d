namespace Virtualizability.Conformance.Generators;

/// <summary>
/// Draws values for one case from a seed that FsCheck generates (so a failing seed replays exactly).
/// The distributions are biased towards the values where implementations tend to differ.
/// </summary>
internal sealed class Draw(int seed)
{
    private readonly Random _random = new(seed);

    public uint Word() => (uint)_random.NextInt64(0, 1L << 32);
    public int Int(int maxExclusive) => _random.Next(maxExclusive);
    public int Int(int min, int maxExclusive) => _random.Next(min, maxExclusive);
    public bool Chance(double p) => _random.NextDouble() < p;
    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static readonly uint[] Interesting =
    [
        0, 1, 2, 3, 4, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFFF, 0xFFFF_FFFE, 0x0000_FFFF, 0xFFFF_8000,
        0x0000_7FFF, 0x0000_8000, 0x00FF_00FF, 31, 32, 33,
    ];

    /// <summary>An interesting constant, a small signed number, or any word.</summary>
    public uint Value() => Int(4) switch
    {
        0 => Pick(Interesting),
        1 => (uint)Int(-64, 64),
        _ => Word(),
    };

    /// <summary>A 16-bit offset: mostly small (so base + offset stays where base points), sometimes any.</summary>
    public uint Offset16() => Chance(0.7) ? (uint)Int(-16, 17) & 0xFFFF : Word() & 0xFFFF;
}
