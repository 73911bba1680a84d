using Virtualizability.Guests;

namespace Virtualizability.Guests.Tests;

/// <summary>Runs the pgcheck CLI built next to the tests (the project references src/Virtualizability.Cli) as a
/// separate process, from the repository root so that its default spec path isa-specs/mips32.isa resolves.</summary>
public static class Pgcheck
{
    public static CrossTools.Result Run(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return CrossTools.Run(dotnet, [Path.Combine(AppContext.BaseDirectory, "pgcheck.dll"), .. arguments], timeout, RepositoryRoot);
    }

    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Virtualizability.sln"))) return dir.FullName;
        throw new InvalidOperationException("Virtualizability.sln not found above the test directory");
    }
}
