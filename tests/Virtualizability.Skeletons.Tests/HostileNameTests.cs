using Virtualizability.Isa;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Skeletons.Tests;

/// <summary>
/// A valid spec whose names fight the generated C# (tests/hostile-specs/csharp-names.isa: C# keywords, the skeleton's
/// own classes, members, methods and locals as register, exception, function, parameter, field and instruction names,
/// names equal but for case): the skeleton must compile with no warning, keep one file per routine even on a
/// case-insensitive file system, and run the sample guest as pg-machine's does. `dotnet build` of the project as
/// generated was run by hand (docs/hostile-input.md); this test compiles it with Roslyn in process, which is far cheaper.
/// </summary>
public sealed class HostileNameTests
{
    private static readonly Lazy<IsaModel> CSharpNames = new(() =>
    {
        var result = IsaFrontEnd.LoadFile(Path.Combine(Tools.RepositoryRoot, "tests", "hostile-specs", "csharp-names.isa"));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Model!;
    });

    [Fact]
    public void CSharpNamesGiveASkeletonThatCompilesAndRunsTheSampleGuest()
    {
        var model = CSharpNames.Value;
        var files = SkeletonGenerator.Generate(Tools.Request(model, Tools.Check(model), "/tmp/unused"));

        // One file per path even where case is not told apart: ADD, Add and add; lw and LW.
        Assert.Equal(files.Count, files.Select(f => f.Path).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var add = files.Single(f => f.Path == "Interpreters/Unprivileged/add-13.cs").Text;
        Assert.Contains("//   add-13.equivalence.smt2", add);
        Assert.Contains("Interpreters/Unprivileged/ADD.cs", files.Select(f => f.Path));

        var scratch = Tools.ScratchDirectory("hostile-names");
        var app = InProcessCompiler.BuildApp(files, "Hostile", scratch);
        // parts, i, index and memory_event are registers named like VirtualState's own locals and parameters: --set
        // assigned TrySet's parameter, not the register, before.
        var run = Tools.Run("dotnet", [app, Tools.SampleGuest, "--set", "parts=7", "--set", "index=3", "--set", "i=9"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.StartsWith("pg\n3u2153\nhalted: base=0x0 State=0x198 name=0x19c ", run.Stdout);
        Assert.Contains(" parts=0x7 i=0x9 index=0x3 memory_event=0x0", run.Stdout);
        Directory.Delete(scratch, recursive: true);
    }

    [Theory]
    [InlineData("class.Vmm", "'class' is a C# keyword")]
    [InlineData("Pg..Vmm", "none empty")]
    [InlineData("Pg.1Vmm", "'1Vmm' is not a C# identifier")]
    [InlineData("Pg-Vmm", "'Pg-Vmm' is not a C# identifier")]
    [InlineData("", "none empty")]
    public void ANamespaceCSharpRefusesIsRefusedWithTheReason(string ns, string reason) =>
        Assert.Contains(reason, SkeletonGenerator.NamespaceProblem(ns));

    [Theory]
    [InlineData("System")]
    [InlineData("É.Vmm")]
    [InlineData("_")]
    [InlineData("Virtualizability.Execution")]
    public void AnUnusualButValidNamespaceIsAccepted(string ns) => Assert.Null(SkeletonGenerator.NamespaceProblem(ns));
}
