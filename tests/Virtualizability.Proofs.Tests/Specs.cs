using Virtualizability.Isa;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Proofs.Tests;

/// <summary>Finds the repository's specs and committed proofs from the test's output directory.</summary>
internal static class Specs
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static IsaModel Load(string relative)
    {
        var result = IsaFrontEnd.LoadFile(PathOf(relative));
        return result.Model ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Virtualizability.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
