using System.Runtime.CompilerServices;

namespace Virtualizability.Isa.Ir;

/// <summary>
/// The stem of the files written per instruction (`pgcheck prove`'s `&lt;stem&gt;.equivalence.smt2`, the skeleton's
/// `Interpreters/.../&lt;stem&gt;.cs`). Names are case-sensitive in the language, file names are not on every file system:
/// `ADD` and `add` wrote `ADD.equivalence.smt2` and `add.equivalence.smt2`, one file on macOS's or Windows' default
/// file system, so one proof silently replaced the other. The stem is the instruction's name, except that a name
/// equal ignoring case to an earlier instruction's gets "-N", N its declaration number (a '-' no name can contain,
/// so no stem equals another's). Specs without such names keep their file names.
/// </summary>
public static class InstructionFiles
{
    private static readonly ConditionalWeakTable<IsaModel, string[]> Stems = new();

    public static string Stem(IsaModel model, InstructionDecl instruction) =>
        Stems.GetValue(model, Compute) is var stems && instruction.Index < stems.Length && stems[instruction.Index] is { } stem
            && model.Instructions[instruction.Index].Name == instruction.Name
            ? stem
            : instruction.Name;

    private static string[] Compute(IsaModel model)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. model.Instructions.Select(i => seen.Add(i.Name) ? i.Name : $"{i.Name}-{i.Index}")];
    }
}
