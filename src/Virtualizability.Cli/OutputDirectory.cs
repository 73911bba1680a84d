namespace Virtualizability.Cli;

/// <summary>
/// The directory a command writes into (`vmm generate --out`, `prove --out`). A path that names a file, or that has a
/// file where a directory must be, is refused before any work is done, and nothing is created then (a refused run
/// leaves no directory behind); creating it later fails with its name and the reason, not the name of the first file
/// inside it (".../afile/Cpu" was all `vmm generate --out afile` said).
/// </summary>
internal static class OutputDirectory
{
    public static void CheckUsable(string path, string option)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{option}: '{path}' is not a usable path: {e.Message}");
        }
        if (File.Exists(full)) throw new UsageException($"{option}: '{path}' is a file, not a directory");
        for (var directory = Path.GetDirectoryName(full); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (Directory.Exists(directory)) return;
            if (File.Exists(directory)) throw new UsageException($"{option}: '{directory}' is a file, so '{path}' cannot be made a directory");
        }
    }

    public static void Create(string path, string option)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{option}: cannot create the directory '{path}': {e.Message}");
        }
    }
}
