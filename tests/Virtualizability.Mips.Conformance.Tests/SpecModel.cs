using Virtualizability.Execution;
using Virtualizability.Isa;

namespace Virtualizability.Mips.Conformance.Tests;

/// <summary>
/// isa-specs/mips32.isa, loaded and compiled once for the whole test run (the pgcheck conform command loads the
/// spec its --isa names instead).
/// </summary>
internal static class SpecModel
{
    private static readonly Lazy<CompiledIsa> Compiled = new(Load);

    public static CompiledIsa Isa => Compiled.Value;

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Virtualizability.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    private static CompiledIsa Load()
    {
        var path = Path.Combine(RepoRoot, "isa-specs", "mips32.isa");
        var result = IsaFrontEnd.LoadFile(path);
        if (!result.Succeeded)
            throw new InvalidOperationException($"{path} does not load:\n{string.Join("\n", result.Diagnostics)}");
        return CompiledIsa.Compile(result.Model!);
    }
}
