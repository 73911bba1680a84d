namespace Virtualizability.Mips.Conformance.Tests.Harness;

/// <summary>
/// One test case: an initial state, RAM contents (bytes from <see cref="MemorySeed"/>, then the exception
/// handlers, then the program), and the program's words placed from the physical address <see cref="ProgramPa"/>,
/// which is where the initial PC translates to. <see cref="Steps"/> steps are run on both sides.
/// </summary>
internal sealed record ConformanceCase(MipsState Initial, int MemorySeed, uint ProgramPa, uint[] Program, int Steps)
{
    public const int RamSize = 256 * 1024;

    /// <summary>Builds the RAM image: random bytes, handler words, program words.</summary>
    public byte[] BuildRam()
    {
        var ram = new byte[RamSize];
        if (MemorySeed != 0) new Random(MemorySeed).NextBytes(ram);
        foreach (var (pa, words) in Generators.Handlers.Place(Initial)) Poke(ram, pa, words);
        Poke(ram, ProgramPa, Program);
        return ram;
    }

    /// <summary>The program as assembly and the initial state: what FsCheck prints for a (shrunk) failing case.</summary>
    public override string ToString() => FailureReport.Describe(this);

    private static void Poke(byte[] ram, uint pa, IReadOnlyList<uint> words)
    {
        for (int i = 0; i < words.Count; i++)
        {
            ulong a = pa + 4ul * (ulong)i;
            if (a + 4 <= (ulong)ram.Length) BitConverter.TryWriteBytes(ram.AsSpan((int)a), words[i]);
        }
    }
}
