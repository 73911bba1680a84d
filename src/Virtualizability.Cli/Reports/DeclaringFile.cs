using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Cli.Reports;

/// <summary>
/// Where a declaration's `line` is: the file that declares it (the spec or one of its includes), relative to the
/// spec's directory with forward slashes ("mips32.isa", "../common/pg-core.isa"), the same whatever the working
/// directory. The JSON of `check` and `info` carry it next to every line.
/// </summary>
internal static class DeclaringFile
{
    // A spec has a handful of files but may have hundreds of thousands of declarations: each file's answer is worked
    // out once per model (two full paths and a relative one per declaration were half of `info`'s time on 300k registers).
    private static readonly ConditionalWeakTable<IsaModel, ConcurrentDictionary<string, string>> Answers = new();

    public static string Of(IsaModel model, string file) =>
        Answers.GetOrCreateValue(model).GetOrAdd(file, f =>
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(model.SourceFile)) ?? ".";
            return Path.GetRelativePath(directory, Path.GetFullPath(f)).Replace('\\', '/');
        });
}
