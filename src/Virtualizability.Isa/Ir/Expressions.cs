using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Ir;

public enum UnaryOp
{
    /// <summary>Bitwise complement of bits(N).</summary>
    Not,
    /// <summary>Two's-complement negation of bits(N).</summary>
    Negate,
    /// <summary>Boolean not.</summary>
    LogicalNot,
}

public enum BinaryOp
{
    // bits(N) x bits(N) -> bits(N), wrapping
    Add, Sub, Mul, And, Or, Xor,
    /// <summary>Unsigned division; x / 0 = all ones (SMT-LIB bvudiv semantics).</summary>
    UDiv,
    /// <summary>Unsigned remainder; x % 0 = x (SMT-LIB bvurem semantics).</summary>
    URem,
    /// <summary>Signed division truncating toward zero; x / 0 as SMT-LIB bvsdiv; MIN / -1 = MIN.</summary>
    SDiv,
    /// <summary>Signed remainder with the sign of the dividend (SMT-LIB bvsrem).</summary>
    SRem,
    // bits(N) x bits(M) -> bits(N); shift amounts of N or more give 0 (or all sign bits for Sar)
    Shl, Shr, Sar,
    // bits(N) x bits(N) -> bool
    Eq, Ne, ULt, ULe, UGt, UGe, SLt, SLe, SGt, SGe,
    // bool x bool -> bool (short-circuit in execution; side-effect free operands only)
    LogicalAnd, LogicalOr,
}

/// <summary>A typed, immutable expression. Every node carries its type and its source range.</summary>
public abstract record Expr(IrType Type, SourceSpan Span);

/// <summary>A bit-vector constant (Value fits Type) or a boolean constant (0 or 1).</summary>
public sealed record ConstExpr(ulong Value, IrType Type, SourceSpan Span) : Expr(Type, Span);

/// <summary>A reference to a named bit-vector constant; Value is the folded value.</summary>
public sealed record NamedConstExpr(ConstantDecl Constant, SourceSpan Span) : Expr(Constant.Type, Span);

public sealed record LocalExpr(Local Local, SourceSpan Span) : Expr(Local.Type, Span);

/// <summary>Reads a scalar register (Index null) or an entry of a register file. Out-of-range indices read 0.</summary>
public sealed record RegisterReadExpr(RegisterDecl Register, Expr? Index, SourceSpan Span) : Expr(Register.Type, Span);

/// <summary>Reads <see cref="Cells"/> (1, 2, 4 or 8) consecutive cells starting at Address, joined in the memory's byte order.</summary>
public sealed record MemoryReadExpr(MemoryDecl Memory, Expr Address, int Cells, SourceSpan Span)
    : Expr(IrType.Bits(Memory.CellWidth * Cells), Span);

public sealed record UnaryExpr(UnaryOp Op, Expr Operand, IrType Type, SourceSpan Span) : Expr(Type, Span);

public sealed record BinaryExpr(BinaryOp Op, Expr Left, Expr Right, IrType Type, SourceSpan Span) : Expr(Type, Span);

/// <summary>Bits High..Low of the operand (constants; High &gt;= Low).</summary>
public sealed record ExtractExpr(Expr Operand, int High, int Low, SourceSpan Span) : Expr(IrType.Bits(High - Low + 1), Span);

/// <summary>High ++ Low: High becomes the most significant part.</summary>
public sealed record ConcatExpr(Expr High, Expr Low, SourceSpan Span) : Expr(IrType.Bits(High.Type.Width + Low.Type.Width), Span);

public sealed record ZeroExtendExpr(Expr Operand, IrType Type, SourceSpan Span) : Expr(Type, Span);

public sealed record SignExtendExpr(Expr Operand, IrType Type, SourceSpan Span) : Expr(Type, Span);

/// <summary>bool -> bits(1): true is 1.</summary>
public sealed record BoolToBitsExpr(Expr Operand, SourceSpan Span) : Expr(IrType.Bits(1), Span);

/// <summary>Conditional expression; only the chosen arm is evaluated.</summary>
public sealed record IfExpr(Expr Condition, Expr Then, Expr Else, SourceSpan Span) : Expr(Then.Type, Span);

/// <summary>A call of a function that returns a value. May have effects (state writes, traps) in evaluation order.</summary>
public sealed record CallExpr(FunctionDecl Function, ImmutableArray<Expr> Arguments, SourceSpan Span) : Expr(Function.ReturnType!.Value, Span);
