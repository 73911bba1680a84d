namespace Virtualizability.Machines.Tests;

/// <summary>Paths in the repository the tests run from (found by walking up from the test binaries).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Mips32Spec => Path.Combine(Root, "isa-specs", "mips32.isa");

    public static string Mips32Programs => Path.Combine(Root, "tests", "mips32-programs");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Virtualizability.sln"))) return directory.FullName;
        throw new InvalidOperationException($"no Virtualizability.sln above {AppContext.BaseDirectory}");
    }
}
