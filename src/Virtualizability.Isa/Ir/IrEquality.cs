using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Ir;

/// <summary>
/// Structural equality of two models, ignoring source spans and file names. Declarations are compared in full
/// where the model lists them and by name where an expression or role refers to them, so the walk is finite.
/// </summary>
public static class IrEquality
{
    /// <summary>Null when the models are equal; otherwise the path to the first difference.</summary>
    public static string? FirstDifference(IsaModel a, IsaModel b) => Compare(a, b, "model", deep: true);

    public static bool AreEqual(IsaModel a, IsaModel b) => FirstDifference(a, b) is null;

    private static bool IsDeclaration(object o) =>
        o is RegisterDecl or MemoryDecl or FunctionDecl or ExceptionDecl or InstructionDecl or ConstantDecl;

    private static string? Compare(object? x, object? y, string path, bool deep)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (x is null || y is null) return x is null && y is null ? null : $"{path}: {Show(x)} vs {Show(y)}";
        if (x.GetType() != y.GetType()) return $"{path}: {x.GetType().Name} vs {y.GetType().Name}";
        switch (x)
        {
            case SourceSpan: return null;
            case string or IrType or Enum or UInt128 or bool or int or ulong or long:
                return x.Equals(y) ? null : $"{path}: {Show(x)} vs {Show(y)}";
            case Local lx:
            {
                var ly = (Local)y;
                return lx.Name == ly.Name && lx.Type == ly.Type && lx.Kind == ly.Kind ? null : $"{path}: local {lx} vs {ly}";
            }
            case IEnumerable ex:
            {
                var listX = ex.Cast<object?>().ToList();
                var listY = ((IEnumerable)y).Cast<object?>().ToList();
                if (listX.Count != listY.Count) return $"{path}: {listX.Count} items vs {listY.Count}";
                for (var i = 0; i < listX.Count; i++)
                    if (Compare(listX[i], listY[i], $"{path}[{i}]", deep) is { } d) return d;
                return null;
            }
        }
        if (IsDeclaration(x) && !deep)
        {
            var nx = (string)x.GetType().GetProperty("Name")!.GetValue(x)!;
            var ny = (string)y.GetType().GetProperty("Name")!.GetValue(y)!;
            return nx == ny ? null : $"{path}: refers to {nx} vs {ny}";
        }
        foreach (var p in x.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name is "EqualityContract" or "SourceFile") continue;
            // Model-level lists own their declarations; everywhere below, declarations are references.
            var childDeep = x is IsaModel;
            if (Compare(p.GetValue(x), p.GetValue(y), $"{path}.{p.Name}", childDeep) is { } d) return d;
        }
        return null;
    }

    private static string Show(object? o) => o switch { null => "null", UInt128 u => $"0x{u:X}", _ => o.ToString() ?? "" };
}
