using FsCheck;
using FsCheck.Fluent;

namespace Virtualizability.Isa.Tests;

/// <summary>
/// Ten thousand broken specs: loading never throws, and a failed load always explains itself with at least one
/// diagnostic, every diagnostic pointing at a real line and column inside the file.
/// </summary>
[Collection(HeavyCollection.Name)]
public class MutationProperties
{
    private static bool IsUtf8(byte[] bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes) && !(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF);

    [Fact]
    public void Mutated_specs_never_throw_and_failures_are_located()
    {
        var bases = new List<string> { File.ReadAllText(TestPaths.PgMachine) };
        for (var seed = 0; seed < 8; seed++) bases.Add(SpecGenerator.Generate(seed));
        var dir = Directory.CreateTempSubdirectory("isa-mutation-");
        var path = Path.Combine(dir.FullName, "m.isa");
        try
        {
            var cases = Arb.From(Gen.Choose(0, bases.Count - 1).SelectMany(b => Gen.Choose(0, int.MaxValue), (b, s) => (Base: b, Seed: s)));
            var property = Prop.ForAll(cases, c =>
            {
                var bytes = Mutator.Mutate(bases[c.Base], c.Seed);
                // Only bytes that are not UTF-8 need the file path; text goes through LoadText, which is much faster.
                LoadResult result;
                if (IsUtf8(bytes)) result = IsaFrontEnd.LoadText(System.Text.Encoding.UTF8.GetString(bytes), path);
                else
                {
                    File.WriteAllBytes(path, bytes);
                    result = IsaFrontEnd.LoadFile(path);
                }
                // A lone CR ends a line too (classic Mac line ends).
                var lines = bytes.Where((b, i) => b == (byte)'\n' || (b == (byte)'\r' && (i + 1 == bytes.Length || bytes[i + 1] != (byte)'\n'))).Count() + 1;
                var own = result.Diagnostics.Where(d => d.Span.File == path).ToList();
                var located = own.All(d => d.Span.Line >= 1 && d.Span.Line <= lines && d.Span.Column >= 1);
                var explained = result.Succeeded ? result.Diagnostics.IsEmpty : own.Count > 0;
                return (located && explained).Label(
                    $"base {c.Base}, seed {c.Seed}: succeeded={result.Succeeded}, lines={lines}\n{string.Join("\n", result.Diagnostics)}");
            });
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(10_000), property);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
