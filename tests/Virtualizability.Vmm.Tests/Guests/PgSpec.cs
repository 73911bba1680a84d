using Virtualizability.Execution;
using Virtualizability.Isa;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>isa-specs/pg-machine.isa, loaded and compiled once for all tests.</summary>
public static class PgSpec
{
    private static readonly Lazy<(IsaModel Model, CompiledIsa Isa)> Loaded = new(Load);

    public static IsaModel Model => Loaded.Value.Model;

    public static CompiledIsa Isa => Loaded.Value.Isa;

    public static MemoryDecl Storage => Model.Roles.Storage;

    private static (IsaModel, CompiledIsa) Load()
    {
        var result = IsaFrontEnd.LoadFile(Find("pg-machine.isa"));
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
        return (result.Model!, CompiledIsa.Compile(result.Model!));
    }

    private static string Find(string spec)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "isa-specs", spec);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"isa-specs/{spec} not found above {AppContext.BaseDirectory}");
    }
}
