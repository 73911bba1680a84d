namespace Virtualizability.Analysis.Search;

/// <summary>
/// The values the witness search tries, from a seeded generator (SplitMix64, so that a run, and the result cache,
/// see the same candidates every time whatever the .NET version). Biased toward values that read well in a witness
/// and that edge cases hinge on: 0, small numbers, all ones, then anything.
/// </summary>
internal sealed class BiasedValues(ulong seed)
{
    private ulong state = seed;

    /// <summary>A stable 64-bit hash of a text (FNV-1a), to seed the generator from an instruction.</summary>
    public static ulong Seed(string text)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 0x100000001b3UL;
        }
        return hash;
    }

    public ulong Next()
    {
        var z = state += 0x9e3779b97f4a7c15UL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }

    public int Below(int n) => (int)(Next() % (ulong)n);

    public static ulong Mask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    /// <summary>
    /// A value of <paramref name="width"/> bits in the style of candidate <paramref name="round"/>: the first
    /// candidates are all zeros, all small and all ones; later ones mix the styles value by value, first without
    /// arbitrary values (so that a witness found early reads well), from round <see cref="AnyFrom"/> with them.
    /// </summary>
    public ulong Value(int round, int width) => (round switch
    {
        0 => 0,
        1 => 1 + (Next() % 7),
        2 => ulong.MaxValue,
        _ => Below(round < AnyFrom ? 9 : 12) switch
        {
            < 3 => 0,
            < 5 => Next() % 16,
            < 8 => Next() % 0x1000,
            < 9 => ulong.MaxValue,
            _ => Next(),
        },
    }) & Mask(width);

    /// <summary>The first round whose values may be arbitrary.</summary>
    public const int AnyFrom = 32;
}
