using System.Text;
using System.Text.RegularExpressions;

namespace Virtualizability.Machines.Tests;

/// <summary>
/// The console output a tests/mips32-programs program must print, built from the "Expected final registers
/// (all others 0)" block of its header comment: common/end.inc prints r1..r31 except k0/k1 (r26, r27) as
/// "rNN=xxxxxxxx" lines.
/// </summary>
public static partial class ExpectedRegisters
{
    [GeneratedRegex(@"\br(\d+)=([0-9a-f]{8})\b")]
    private static partial Regex Assignment();

    public static string ConsoleOutput(string sourcePath)
    {
        var values = new Dictionary<int, string>();
        var inBlock = false;
        foreach (var line in File.ReadLines(sourcePath))
        {
            if (line.Contains("Expected final registers", StringComparison.Ordinal)) { inBlock = true; continue; }
            if (!inBlock) continue;
            var matches = Assignment().Matches(line);
            if (!line.StartsWith('#') || matches.Count == 0) break;
            foreach (Match match in matches) values[int.Parse(match.Groups[1].Value)] = match.Groups[2].Value;
        }
        if (values.Count == 0) throw new InvalidOperationException($"{sourcePath} states no expected registers");
        var output = new StringBuilder();
        for (var r = 1; r < 32; r++)
            if (r is not (26 or 27)) output.Append($"r{r:D2}={values.GetValueOrDefault(r, "00000000")}\n");
        return output.ToString();
    }
}
