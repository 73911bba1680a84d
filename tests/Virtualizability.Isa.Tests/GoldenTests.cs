using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Tests;

/// <summary>
/// Every file Golden/PGnnnn-slug.isa must produce exactly the diagnostics in Golden/PGnnnn-slug.expected
/// (file names relative to Golden/). Set UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change.
/// </summary>
public class GoldenTests
{
    static GoldenTests()
    {
        // PG0003 needs a file over the size limit; a sparse file keeps the repository and the disk small.
        var generated = Path.Combine(TestPaths.GoldenDirectory, "generated");
        Directory.CreateDirectory(generated);
        using var big = new FileStream(Path.Combine(generated, "too-large.isa"), FileMode.Create);
        big.SetLength(16L * 1024 * 1024 + 1);
    }

    public static TheoryData<string> GoldenFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestPaths.GoldenDirectory, "PG*.isa").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    internal static string Run(string fileName)
    {
        var dir = TestPaths.GoldenDirectory;
        var result = IsaFrontEnd.LoadFile(Path.Combine(dir, fileName));
        var prefix = dir + Path.DirectorySeparatorChar;
        return string.Concat(result.Diagnostics.Select(d => d.ToString().Replace(prefix, "") + "\n"));
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Golden_file_produces_expected_diagnostics(string fileName)
    {
        var actual = Run(fileName);
        var expectedPath = Path.Combine(TestPaths.GoldenDirectory, Path.ChangeExtension(fileName, ".expected"));
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(TestPaths.RepoRoot, "tests", "Virtualizability.Isa.Tests", "Golden", Path.GetFileName(expectedPath));
            File.WriteAllText(source, actual);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"missing {expectedPath}");
        Assert.Equal(File.ReadAllText(expectedPath), actual);
        Assert.NotEqual("", actual);
    }

    [Fact]
    public void Every_diagnostic_code_has_a_golden_file_that_produces_it()
    {
        var missing = new List<string>();
        foreach (var code in DiagnosticCodes.All)
        {
            var files = Directory.GetFiles(TestPaths.GoldenDirectory, code.Id + "-*.isa");
            var produced = files.Any(f =>
            {
                var expected = Path.ChangeExtension(f, ".expected");
                return File.Exists(expected) && File.ReadAllText(expected).Contains($" {code.Id}: ");
            });
            if (!produced) missing.Add(code.Id);
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Codes_are_unique_and_documented()
    {
        var numbers = DiagnosticCodes.All.Select(c => c.Number).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "diagnostics.md"));
        Assert.All(DiagnosticCodes.All, c => Assert.Contains($"| {c.Id} | {c.Title} |", doc));
    }
}
