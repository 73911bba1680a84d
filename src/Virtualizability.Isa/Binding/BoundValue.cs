using Virtualizability.Isa.Ir;

namespace Virtualizability.Isa.Binding;

internal enum ValueKind { Error, Integer, Ir }

/// <summary>
/// The result of binding an expression: a compile-time integer (which takes a width from its context later),
/// a typed IR expression, or an error that has already been reported (so callers stay quiet: no cascades).
/// </summary>
internal readonly record struct BoundValue(ValueKind Kind, Int128 Integer, Expr? Expr)
{
    public static readonly BoundValue Error = new(ValueKind.Error, 0, null);

    public static BoundValue Of(Int128 value) => new(ValueKind.Integer, value, null);

    public static BoundValue Of(Expr expr) => new(ValueKind.Ir, 0, expr);

    public bool IsError => Kind == ValueKind.Error;
    public bool IsInteger => Kind == ValueKind.Integer;
    public bool IsIr => Kind == ValueKind.Ir;
}
