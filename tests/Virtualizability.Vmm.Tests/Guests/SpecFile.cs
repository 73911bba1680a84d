using Virtualizability.Execution;
using Virtualizability.Isa;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>One spec of isa-specs/, loaded and compiled on first use and then shared by every test.</summary>
public sealed class SpecFile(string name)
{
    private readonly Lazy<(IsaModel Model, CompiledIsa Isa)> _loaded = new(() => Load(name));

    public IsaModel Model => _loaded.Value.Model;

    public CompiledIsa Isa => _loaded.Value.Isa;

    public MemoryDecl Storage => Model.Roles.Storage;

    /// <summary>The word of <paramref name="instruction"/> with these field values, from the spec's own encoding.</summary>
    public ulong Encode(string instruction, params (string Field, ulong Value)[] fields) =>
        (ulong)(Model.Instruction(instruction) ?? throw new ArgumentException($"{Model.Name} has no {instruction}"))
            .Encoding.Encode(fields.ToDictionary(f => f.Field, f => f.Value));

    private static (IsaModel, CompiledIsa) Load(string spec)
    {
        var result = IsaFrontEnd.LoadFile(Find(spec));
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
