using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Virtualizability.Execution;
using Virtualizability.Isa;

namespace Virtualizability.Skeletons.Tests;

/// <summary>
/// Compiles a generated skeleton with Roslyn in process, as `dotnet build` of its project would (nullable on, implicit
/// usings, every warning reported), and can lay it out as a runnable app: far cheaper than an MSBuild build.
/// </summary>
internal static class InProcessCompiler
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static (byte[]? Assembly, IReadOnlyList<Diagnostic> Problems) Compile(IEnumerable<GeneratedFile> files, string name)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = files.Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Path))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "GlobalUsings.g.cs"));
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = platform.Append(typeof(Machine).Assembly.Location).Append(typeof(IsaFrontEnd).Assembly.Location)
            .Distinct().Select(p => MetadataReference.CreateFromFile(p));
        var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999);
        var compilation = CSharpCompilation.Create(name, trees, references, options);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        return (emitted.Success ? stream.ToArray() : null, problems);
    }

    /// <summary>Compiles (failing the test on any warning) and writes an app directory runnable with `dotnet NAME.dll`.</summary>
    public static string BuildApp(IReadOnlyList<GeneratedFile> files, string name, string directory)
    {
        var (assembly, problems) = Compile(files, name);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        File.WriteAllBytes(Path.Combine(directory, name + ".dll"), assembly!);
        var config = new { runtimeOptions = new { tfm = "net10.0", framework = new { name = "Microsoft.NETCore.App", version = Environment.Version.ToString(3) } } };
        File.WriteAllText(Path.Combine(directory, name + ".runtimeconfig.json"), JsonSerializer.Serialize(config));
        foreach (var library in new[] { typeof(Machine).Assembly.Location, typeof(IsaFrontEnd).Assembly.Location })
            File.Copy(library, Path.Combine(directory, Path.GetFileName(library)), overwrite: true);
        SkeletonGenerator.Write(directory, files.Where(f => f.Path.StartsWith("spec/", StringComparison.Ordinal)));
        return Path.Combine(directory, name + ".dll");
    }
}
