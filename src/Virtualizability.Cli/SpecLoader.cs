using Virtualizability.Isa;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Cli;

/// <summary>Loads a spec for a command, printing its diagnostics to stderr.</summary>
public static class SpecLoader
{
    /// <summary>Returns the model, or null after printing the diagnostics that stopped it.</summary>
    public static IsaModel? Load(string path)
    {
        var result = IsaFrontEnd.LoadFile(path);
        foreach (var diagnostic in result.Diagnostics) Console.Error.WriteLine(diagnostic);
        return result.Succeeded ? result.Model : null;
    }
}
