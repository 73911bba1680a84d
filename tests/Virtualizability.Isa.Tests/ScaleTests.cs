using System.Text;

namespace Virtualizability.Isa.Tests;

/// <summary>
/// Large inputs run alone (see <see cref="HeavyCollection"/>) to keep memory peaks apart. How fast they load is a
/// benchmark figure (bench/run --quick), not a unit-test assertion.
/// </summary>
[Collection(HeavyCollection.Name)]
public class ScaleTests
{
    private static LoadResult Load(string text) => IsaFrontEnd.LoadText(text, "t.isa");

    [Fact]
    public void A_hundred_thousand_instructions_load()
    {
        var sb = new StringBuilder(SpecText.Header.Replace("encoding fixed 8;", "encoding fixed 32;").Replace("fn fetch() : bits(8) = E[P];", "fn fetch() : bits(32) = zext(E[P], 32);"));
        sb.Append("\nregister G[4] : bits(8);\n");
        for (var i = 0; i < 100_000; i++)
            sb.Append("instruction I").Append(i).Append(" \"").Append(Convert.ToString(i, 2).PadLeft(24, '0')).Append(" r:2 000000\" { G[r] := G[r] + 1; }\n");
        var r = Load(sb.ToString());
        Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics.Take(5)));
        Assert.Equal(100_000, r.Model!.Instructions.Length);
        Assert.Equal("I99999", r.Model.Instructions[^1].Name);
    }
}
