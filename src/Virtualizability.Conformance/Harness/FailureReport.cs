namespace Virtualizability.Conformance.Harness;

/// <summary>A case as a program listing (assembly, from the reference disassembler) plus its non-zero initial state.</summary>
public static class FailureReport
{
    public static string Describe(ConformanceCase c)
    {
        var lines = new List<string> { $"program at PC 0x{c.Initial.Pc:X8} (physical 0x{c.ProgramPa:X8}), {c.Steps} step(s), memory seed {c.MemorySeed}:" };
        for (int i = 0; i < c.Program.Length; i++)
        {
            uint pc = c.Initial.Pc + 4u * (uint)i;
            lines.Add($"  0x{pc:X8}: {c.Program[i]:x8}  {MipsDisassembler.Disassemble(c.Program[i], pc)}");
        }
        lines.Add("initial state (fields that are not zero):");
        lines.AddRange(new MipsState().Diff(c.Initial).Select(line => "  " + line[..line.IndexOf(':')] + " = " + line[(line.IndexOf("!= ", StringComparison.Ordinal) + 3)..]));
        return string.Join(Environment.NewLine, lines);
    }

    public static string Describe(Divergence d, ConformanceCase c) =>
        $"first divergence at step {d.Step} ({d.Outcome.Reference}; spec trap: {d.Outcome.ModelTrap ?? "none"}):{Environment.NewLine}  "
        + string.Join(Environment.NewLine + "  ", d.Outcome.Differences) + Environment.NewLine + Describe(c);
}
