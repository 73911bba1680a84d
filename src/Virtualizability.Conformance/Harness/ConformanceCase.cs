namespace Virtualizability.Conformance.Harness;

/// <summary>
/// One test case: an initial state, RAM contents (bytes from <see cref="MemorySeed"/>, then the exception
/// handlers, then the program), and the program's words placed from the physical address <see cref="ProgramPa"/>,
/// which is where the initial PC translates to. <see cref="Steps"/> steps are run on both sides.
/// </summary>
public sealed record ConformanceCase(MipsState Initial, int MemorySeed, uint ProgramPa, uint[] Program, int Steps)
{
    public const int RamSize = 64 * 1024;

    /// <summary>Builds the RAM image: random bytes, handler words, program words.</summary>
    public byte[] BuildRam()
    {
        var ram = new byte[RamSize];
        if (MemorySeed != 0) FillRandom(ram, MemorySeed);
        foreach (var (pa, words) in Generators.Handlers.Place(Initial)) Poke(ram, pa, words);
        Poke(ram, ProgramPa, Program);
        return ram;
    }

    /// <summary>The program as assembly and the initial state: what FsCheck prints for a (shrunk) failing case.</summary>
    public override string ToString() => FailureReport.Describe(this);

    /// <summary>
    /// SplitMix64 over the seed, eight bytes at a time: every case fills its whole RAM, and System.Random's byte-wise
    /// NextBytes cost more than the step being tested.
    /// </summary>
    private static void FillRandom(byte[] ram, int seed)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(ram.AsSpan());
        ulong x = (ulong)(uint)seed;
        for (int i = 0; i < words.Length; i++)
        {
            ulong z = x += 0x9E37_79B9_7F4A_7C15ul;
            z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9ul;
            z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBul;
            words[i] = z ^ (z >> 31);
        }
    }

    private static void Poke(byte[] ram, uint pa, IReadOnlyList<uint> words)
    {
        for (int i = 0; i < words.Count; i++)
        {
            ulong a = pa + 4ul * (ulong)i;
            if (a + 4 <= (ulong)ram.Length) BitConverter.TryWriteBytes(ram.AsSpan((int)a), words[i]);
        }
    }
}
