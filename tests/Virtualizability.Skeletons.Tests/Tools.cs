using System.Diagnostics;
using Virtualizability.Analysis;
using Virtualizability.Isa;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Skeletons.Tests;

/// <summary>Specs, the checker, processes and scratch directories for the skeleton tests.</summary>
internal static class Tools
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Spec(string relative) => Path.Combine(RepositoryRoot, "isa-specs", relative);

    public static string SampleGuest => Path.Combine(RepositoryRoot, "tests", "guests", "pg-machine", "sample.hex");

    private static readonly Dictionary<string, IsaModel> Models = [];

    /// <summary>The spec's model, loaded once per test run (models are immutable; reports refer to their instructions).</summary>
    public static IsaModel Load(string relative)
    {
        lock (Models)
        {
            if (Models.TryGetValue(relative, out var known)) return known;
            var result = IsaFrontEnd.LoadFile(Spec(relative));
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            return Models[relative] = result.Model!;
        }
    }

    private static readonly Dictionary<string, DefinitionReport> Whole = [];

    /// <summary>
    /// The checker's per-state verdicts (only on the named instructions when some are given: the theorems then speak of
    /// those). Whole-spec reports are computed once per test run.
    /// </summary>
    public static DefinitionReport Check(IsaModel model, params string[] instructions)
    {
        lock (Whole)
        {
            if (instructions.Length == 0 && Whole.TryGetValue(model.SourceFile, out var known)) return known;
            var report = SpecAnalyzer.Check(model, new AnalysisOptions { Instructions = instructions, Timeout = TimeSpan.FromMinutes(2) }).Definitions[0];
            if (instructions.Length == 0) Whole[model.SourceFile] = report;
            return report;
        }
    }

    public static SkeletonRequest Request(IsaModel model, DefinitionReport report, string output, bool hybrid = false) =>
        new(model, report, output, "Generated.Vmm", hybrid, RepositoryRoot);

    public static string ScratchDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "pgcheck-skeleton-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Runs the pgcheck built next to the tests, with its result cache in a scratch directory.</summary>
    public static Result Pgcheck(string cache, params string[] args) =>
        Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "pgcheck.dll"), .. args], new() { ["PGCHECK_CACHE_DIR"] = cache });

    public static Result Run(string program, IEnumerable<string> args, Dictionary<string, string>? environment = null, string? directory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = directory ?? RepositoryRoot,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? []) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Virtualizability.sln"))) return dir.FullName;
        throw new InvalidOperationException("Virtualizability.sln not found above the test directory");
    }
}
