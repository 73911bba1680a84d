using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Ir;

public enum Endianness { Little, Big }

/// <summary>A named bit range of a register, declared with the register (e.g. Status.EXL = bit 1).</summary>
public sealed record RegisterField(string Name, int High, int Low, SourceSpan Span)
{
    public int Width => High - Low + 1;
}

/// <summary>
/// A scalar register (Count = 1, IsFile = false) or a register file of Count entries.
/// Every entry occupies one slot of the flat machine state starting at <see cref="Slot"/>.
/// Hardwired entries of a file read as their constant and ignore writes (MIPS r0).
/// </summary>
public sealed record RegisterDecl(
    string Name,
    int Width,
    bool IsFile,
    int Count,
    int Slot,
    ImmutableArray<HardwiredEntry> Hardwired,
    ImmutableArray<RegisterField> Fields,
    SourceSpan Span)
{
    public IrType Type => IrType.Bits(Width);
    public RegisterField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
    public bool Equals(RegisterDecl? other) => ReferenceEquals(this, other);
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

public sealed record HardwiredEntry(int Index, ulong Value);

/// <summary>
/// Addressable storage: cells of <see cref="CellWidth"/> bits at addresses of <see cref="AddressWidth"/> bits.
/// A multi-cell access of 1, 2, 4 or 8 cells joins consecutive cells in the memory's byte order.
/// </summary>
public sealed record MemoryDecl(string Name, int AddressWidth, int CellWidth, Endianness Endianness, int Index, SourceSpan Span)
{
    public bool Equals(MemoryDecl? other) => ReferenceEquals(this, other);
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

/// <summary>A named compile-time constant. Integer constants are folded away by the binder; bit-vector ones stay named for readability.</summary>
public sealed record ConstantDecl(string Name, IrType Type, ulong Value, SourceSpan Span);

public enum LocalKind { Parameter, Let, Var, Field }

/// <summary>A local value: a function or exception parameter, a let/var, or an encoding field of an instruction.</summary>
public sealed class Local(string name, IrType type, LocalKind kind, SourceSpan span)
{
    public string Name { get; } = name;
    public IrType Type { get; } = type;
    public LocalKind Kind { get; } = kind;
    public SourceSpan Span { get; } = span;
    public override string ToString() => $"{Name}: {Type}";
}

/// <summary>
/// A helper function or procedure (ReturnType null). Functions may read and write state and may trap;
/// they are never recursive (the binder rejects call cycles), so every back end may inline them.
/// </summary>
public sealed record FunctionDecl(string Name, ImmutableArray<Local> Parameters, IrType? ReturnType, Block Body, SourceSpan Span)
{
    public bool Equals(FunctionDecl? other) => ReferenceEquals(this, other);
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

/// <summary>
/// An exception (trap) kind with its parameters and its entry behaviour: what the hardware does to the state
/// when the trap is taken (save PC, switch mode, jump to the vector ...). A `trap` statement ends the
/// current step and returns the trap as a value; the entry block runs only when the trap is delivered.
/// </summary>
public sealed record ExceptionDecl(string Name, ImmutableArray<Local> Parameters, Block Entry, int Index, SourceSpan Span)
{
    public bool Equals(ExceptionDecl? other) => ReferenceEquals(this, other);
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
