using System.CommandLine;
using System.Diagnostics;
using Virtualizability.Analysis;
using Virtualizability.Analysis.Caching;
using Virtualizability.Skeletons;

namespace Virtualizability.Cli.Commands;

/// <summary>
/// `pgcheck vmm generate SPEC --out DIR [--namespace NAME] [--hybrid]`: a readable C# project of the VMM for the spec
/// (docs/vmm-generate.md). The classification comes from the checker (with its result cache). Exit: 0 written,
/// 2 refused (Theorem 1 fails; with --hybrid, Theorem 3 fails too), 3 undecided, 1 bad input.
/// </summary>
public static class VmmGenerateCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "ISA description file (.isa)" };
        var output = new Option<string>("--out", "-o") { Description = "Directory to write the project into (created)", Required = true };
        var ns = new Option<string?>("--namespace") { Description = "Namespace of the generated code (default: <Isa>.Vmm)" };
        var hybrid = new Option<bool>("--hybrid") { Description = "When Theorem 1 fails but Theorem 3 holds, generate a hybrid VMM (virtual supervisor code interpreted)" };
        var definition = new Option<string>("--definition", "-d") { Description = "Which definition's verdicts decide: classic, user or per-state", DefaultValueFactory = _ => "per-state" };
        definition.AcceptOnlyFromAmong("classic", "user", "per-state");
        var libraries = new Option<string?>("--library-root") { Description = "Repository holding src/Virtualizability.Execution (default: the one pgcheck was built from)" };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the checker's result cache" };
        var allowUndecided = new Option<bool>("--allow-undecided") { Description = "Generate even when the checker cannot decide Theorem 1 (timeouts); the undecided instructions are listed" };
        var timeout = new Option<int>("--timeout-ms") { Description = "The checker's per-query time limit in milliseconds", DefaultValueFactory = _ => 10000 };
        var force = new Option<bool>("--force") { Description = "Replace files in --out that the skeleton would change (an earlier skeleton's, edits included)" };
        var generate = new Command("generate", "Write a C# project of the trap-and-emulate VMM for a virtualizable spec")
        {
            spec, output, ns, hybrid, definition, libraries, noCache, timeout, allowUndecided, force,
        };
        generate.SetAction(parse => CommandGuard.Run(() => Run(
            parse.GetRequiredValue(spec), parse.GetRequiredValue(output), parse.GetValue(ns), parse.GetValue(hybrid),
            parse.GetValue(definition)!, parse.GetValue(libraries), parse.GetValue(noCache), parse.GetValue(timeout), parse.GetValue(allowUndecided), parse.GetValue(force))));
        return new Command("vmm", "VMM tools") { generate };
    }

    private static int Run(string specPath, string output, string? ns, bool hybrid, string definitionName, string? libraryRoot, bool noCache, int timeoutMs, bool allowUndecided, bool force)
    {
        var clock = Stopwatch.StartNew();
        if (timeoutMs <= 0) throw new UsageException("--timeout-ms must be positive");
        if (ns is not null && SkeletonGenerator.NamespaceProblem(ns) is { } problem)
            throw new UsageException($"--namespace: '{ns}' is not a C# namespace: {problem}");
        OutputDirectory.CheckUsable(output, "--out");
        var root = libraryRoot ?? FindLibraryRoot()
            ?? throw new UsageException("cannot find the repository (src/Virtualizability.Execution) pgcheck was built from; give --library-root");
        if (!File.Exists(Path.Combine(root, "src", "Virtualizability.Execution", "Virtualizability.Execution.csproj")))
            throw new UsageException($"--library-root: {root} has no src/Virtualizability.Execution/Virtualizability.Execution.csproj");
        var model = SpecLoader.Load(specPath);
        if (model is null) return ExitCodes.BadInput;

        var definition = Definitions.Parse(definitionName)!.Value;
        var report = SpecAnalyzer.Check(model, new AnalysisOptions
        {
            Definitions = [definition],
            CacheDirectory = noCache ? null : ResultCache.DefaultDirectory(),
            Timeout = TimeSpan.FromMilliseconds(timeoutMs),
        });
        if (report.InternalErrors.Any()) return CheckCommand.ExitCode(report);
        var classification = report.Definitions[0];
        var request = new SkeletonRequest(model, classification, output, ns ?? DefaultNamespace(model.Name), hybrid, Path.GetFullPath(root))
        {
            AllowUndecided = allowUndecided,
        };
        IReadOnlyList<GeneratedFile> files;
        try
        {
            files = SkeletonGenerator.Generate(request);
        }
        catch (SkeletonRefusedException refused)
        {
            Console.Error.WriteLine($"pgcheck: {specPath}: {refused.Message}");
            foreach (var violation in refused.Violations) Console.Error.WriteLine($"  {violation}");
            Console.Error.WriteLine("pgcheck: no skeleton written");
            return classification.Virtualizable.IsUnknown && !hybrid ? ExitCodes.Undecided : ExitCodes.PropertyFails;
        }
        foreach (var row in classification.Instructions.Where(r => r.Violation.IsUnknown))
            Console.Error.WriteLine($"pgcheck: warning: {row.Name} is undecided ({row.Violation.Reason}); generated as the checker's other verdicts say");
        OutputDirectory.Create(output, "--out");
        if (!force && SkeletonGenerator.WouldReplace(output, files) is { Count: > 0 } replaced)
        {
            Console.Error.WriteLine($"pgcheck: --out: {output} has {replaced.Count} file(s) the skeleton would replace: " +
                string.Join(", ", replaced.Take(8)) + (replaced.Count > 8 ? ", ..." : ""));
            Console.Error.WriteLine("pgcheck: no skeleton written (give a new or empty directory, or --force to replace them)");
            return ExitCodes.BadInput;
        }
        Write(output, files);
        var kind = hybrid ? "hybrid VMM" : "VMM";
        Console.WriteLine($"wrote a {kind} for {model.Name} to {output} ({files.Count} files, allocator: {SkeletonGenerator.PolicyFor(model)}) in {clock.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"build and run it: cd {output} && dotnet run -- GUEST.hex");
        return ExitCodes.Success;
    }

    // Writes the skeleton; a file that cannot be written (a full disk, a read-only file system) is named, with how much
    // of the project is there.
    private static void Write(string output, IReadOnlyList<GeneratedFile> files)
    {
        var written = 0;
        try
        {
            foreach (var file in files)
            {
                SkeletonGenerator.Write(output, [file]);
                written++;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out: cannot write {Path.Combine(output, files[written].Path)}: {e.Message} " +
                $"({written} of {files.Count} files written: the project there is incomplete)");
        }
    }

    internal static string DefaultNamespace(string isaName)
    {
        var parts = isaName.Split(['_', '-', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => char.ToUpperInvariant(p[0]) + p[1..]);
        var name = string.Concat(parts);
        if (name.Length == 0 || !char.IsLetter(name[0])) name = "Isa" + name;
        return name + ".Vmm";
    }

    /// <summary>The repository pgcheck was built from: the first directory above the build that holds src/Virtualizability.Execution.</summary>
    private static string? FindLibraryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
                if (File.Exists(Path.Combine(directory.FullName, "src", "Virtualizability.Execution", "Virtualizability.Execution.csproj")))
                    return directory.FullName;
        return null;
    }
}
