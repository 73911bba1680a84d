using Virtualizability.Execution;
using Virtualizability.Isa;

namespace Virtualizability.Bench;

/// <summary>isa-specs/mips32.isa, loaded and compiled once for the guest benchmarks.</summary>
public static class Mips32Spec
{
    private static readonly Lazy<CompiledIsa> Compiled = new(() =>
    {
        var loaded = IsaFrontEnd.LoadFile(SpecPaths.Find("mips32.isa"));
        if (!loaded.Succeeded) throw new InvalidOperationException(string.Join(Environment.NewLine, loaded.Diagnostics));
        return CompiledIsa.Compile(loaded.Model!);
    });

    public static CompiledIsa Isa => Compiled.Value;
}
