using System.Text;

namespace Virtualizability.Conformance.ThreeWay;

/// <summary>The differences between two sides' <see cref="RunRecord"/>s, one readable line each (empty when they agree).</summary>
internal static class RunComparison
{
    private const int MaxMemoryLines = 16;

    public static IReadOnlyList<string> Differences(string left, RunRecord a, string right, RunRecord b)
    {
        var lines = new List<string>();
        void Add(string what, object mine, object theirs) => lines.Add($"{what}: {left} {mine} != {right} {theirs}");

        if (a.Steps != b.Steps) Add("steps run", a.Steps, b.Steps);
        if (a.ResetWritten != b.ResetWritten) Add("reset register written", a.ResetWritten, b.ResetWritten);
        int common = Math.Min(a.Exceptions.Count, b.Exceptions.Count);
        int firstException = Enumerable.Range(0, common).FirstOrDefault(i => a.Exceptions[i] != b.Exceptions[i], common);
        if (firstException < common || a.Exceptions.Count != b.Exceptions.Count)
            Add($"exception #{firstException + 1}", Describe(a.Exceptions, firstException), Describe(b.Exceptions, firstException));
        if (!a.Console.AsSpan().SequenceEqual(b.Console)) Add("console output", Quote(a.Console), Quote(b.Console));
        lines.AddRange(a.State.Diff(b.State).Select(line => $"{line[..line.IndexOf(':')]}: {left} {After(line, ": ", " != ")} != {right} {After(line, " != ", null)}"));
        if (!a.Ram.AsSpan().SequenceEqual(b.Ram))
        {
            int shown = 0;
            for (int address = 0; address < a.Ram.Length && shown < MaxMemoryLines; address++)
                if (a.Ram[address] != b.Ram[address])
                {
                    Add($"mem[0x{address:X8}]", $"0x{a.Ram[address]:X2}", $"0x{b.Ram[address]:X2}");
                    shown++;
                }
        }
        return lines;
    }

    private static string Describe(IReadOnlyList<ExceptionEvent> events, int index) => index < events.Count ? events[index].ToString() : "none";

    private static string After(string line, string start, string? end)
    {
        int from = line.IndexOf(start, StringComparison.Ordinal) + start.Length;
        int to = end is null ? line.Length : line.IndexOf(end, from, StringComparison.Ordinal);
        return line[from..to];
    }

    private static string Quote(byte[] bytes)
    {
        var text = new StringBuilder("\"");
        foreach (var b in bytes) text.Append(b is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\' ? (char)b : $"\\x{b:x2}");
        return text.Append('"').ToString();
    }
}
