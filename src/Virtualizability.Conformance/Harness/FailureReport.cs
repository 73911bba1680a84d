namespace Virtualizability.Conformance.Harness;

/// <summary>A case as a program listing (assembly, from the reference disassembler) plus its non-zero initial state.</summary>
public static class FailureReport
{
    public static string Describe(ConformanceCase c)
    {
        var lines = new List<string> { $"program at PC 0x{c.Initial.Pc:X8} (physical 0x{c.ProgramPa:X8}), {c.Steps} step(s), memory seed {c.MemorySeed}:" };
        lines.AddRange(Listing(c).Select(l => $"  0x{l.Address:X8}: {l.Word:x8}  {l.Assembly}"));
        lines.Add("initial state (fields that are not zero):");
        lines.AddRange(NonZeroFields(c.Initial).Select(f => $"  {f.Name} = {f.Value}"));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The program's words with their addresses (from the initial PC) and assembly.</summary>
    public static IEnumerable<(uint Address, uint Word, string Assembly)> Listing(ConformanceCase c) =>
        c.Program.Select((word, i) => (c.Initial.Pc + 4u * (uint)i, word, MipsDisassembler.Disassemble(word, c.Initial.Pc + 4u * (uint)i)));

    /// <summary>The fields of <paramref name="state"/> that differ from a zero state, as printed names and values.</summary>
    public static IEnumerable<(string Name, string Value)> NonZeroFields(MipsState state)
    {
        var zero = new MipsState();
        return state.Fields().Zip(zero.Fields()).Where(p => p.First.Value != p.Second.Value).Select(p => p.First);
    }

    public static string Describe(Divergence d, ConformanceCase c) =>
        $"first divergence at step {d.Step} ({d.Outcome.Reference}; spec trap: {d.Outcome.ModelTrap ?? "none"}):{Environment.NewLine}  "
        + string.Join(Environment.NewLine + "  ", d.Outcome.Differences) + Environment.NewLine + Describe(c);
}
