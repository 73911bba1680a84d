using Virtualizability.Isa.Ir;

namespace Virtualizability.Isa.Binding;

internal enum BodyKind { Global, Function, Exception, Instruction, Hook, Role, VmMap }

/// <summary>Where a body is being bound: its locals, and what `return` means there.</summary>
internal sealed class BindContext(BodyKind kind, Scope scope, IrType? returnType)
{
    public BodyKind Kind { get; } = kind;
    public Scope Scope { get; set; } = scope;
    public IrType? ReturnType { get; } = returnType;
    /// <summary>Statement nesting of the lowered output, so lowering (match chains) cannot exceed the parser's limit.</summary>
    public int Depth { get; set; }
}
