using System.Diagnostics;
using System.Text;
using Virtualizability.Isa;

namespace Virtualizability.Bench;

/// <summary>
/// How long the front end takes on a huge spec: 100,000 instructions with distinct encodings (the unit test
/// checks that such a spec loads; the time is this figure's job).
/// </summary>
public static class FrontEndScale
{
    public static void Print()
    {
        var text = new StringBuilder("""
            isa scale "100k instructions";
            encoding fixed 32;
            memory E : bits(16) -> bits(8), big;
            register M : bits(1);
            register P : bits(16);
            register G[4] : bits(8);
            roles { pc P; storage E; mode M; supervisor when M == 0; enter user { M := 1; } enter supervisor { M := 0; } }
            fn fetch() : bits(32) = E[P, 4];
            epilogue { P := P + 4; }

            """);
        for (var i = 0; i < 100_000; i++)
            text.Append("instruction I").Append(i).Append(" \"").Append(Convert.ToString(i, 2).PadLeft(24, '0')).Append(" r:2 000000\" { G[r] := G[r] + 1; }\n");
        var source = text.ToString();
        var watch = Stopwatch.StartNew();
        var result = IsaFrontEnd.LoadText(source, "scale.isa");
        watch.Stop();
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics.Take(5)));
        Console.WriteLine($"front end: a 100,000-instruction spec ({source.Length / 1024} KiB) loads in {watch.Elapsed.TotalSeconds:F2} s");
    }
}
