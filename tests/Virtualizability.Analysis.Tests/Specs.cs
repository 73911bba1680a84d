using System.Collections.Concurrent;
using Virtualizability.Analysis;
using Virtualizability.Isa;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Analysis.Tests;

/// <summary>Loads the repository's specs and caches whole-spec checks (they are the expensive part of these tests).</summary>
internal static class Specs
{
    private static readonly ConcurrentDictionary<string, Lazy<SpecReport>> Reports = new();

    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, "isa-specs", relative);

    public static IsaModel Load(string relative)
    {
        var result = IsaFrontEnd.LoadFile(PathOf(relative));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    /// <summary>All three definitions, default timeout; computed once per spec for the whole test run.</summary>
    public static SpecReport CheckAll(string relative) =>
        Reports.GetOrAdd(relative, r => new Lazy<SpecReport>(() =>
            SpecAnalyzer.Check(Load(r), new AnalysisOptions { Definitions = Definitions.All }))).Value;

    public static DefinitionReport Under(this SpecReport report, Definition d) => report.Definitions.Single(x => x.Definition == d);

    public static InstructionResult Row(this DefinitionReport report, string name) => report.Instructions.Single(i => i.Name == name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Virtualizability.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root (Virtualizability.sln) not found above " + AppContext.BaseDirectory);
    }
}
