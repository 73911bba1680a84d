namespace Virtualizability.Isa.Binding;

internal static class Builtins
{
    private static readonly HashSet<string> Names =
        ["zext", "sext", "slt", "sle", "sgt", "sge", "udiv", "urem", "sdiv", "srem", "bit"];

    public static bool IsBuiltin(string name) => Names.Contains(name);
}
