using Virtualizability.Isa.Ir;

namespace Virtualizability.Cli.Reports;

/// <summary>
/// Where a declaration's `line` is: the file that declares it (the spec or one of its includes), relative to the
/// spec's directory with forward slashes ("mips32.isa", "../common/pg-core.isa"), the same whatever the working
/// directory. The JSON of `check` and `info` carry it next to every line.
/// </summary>
internal static class DeclaringFile
{
    public static string Of(IsaModel model, string file)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(model.SourceFile)) ?? ".";
        return Path.GetRelativePath(directory, Path.GetFullPath(file)).Replace('\\', '/');
    }
}
