namespace Virtualizability.Isa.Tests;

/// <summary>Finds files of the repository from the test output directory.</summary>
internal static class TestPaths
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Virtualizability.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public static string PgMachine => Path.Combine(RepoRoot, "isa-specs", "pg-machine.isa");

    public static string GoldenDirectory => Path.Combine(AppContext.BaseDirectory, "Golden");
}
