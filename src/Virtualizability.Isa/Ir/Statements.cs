using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Ir;

/// <summary>
/// A typed, immutable statement. Matches, `require`, field writes and `for` loops are lowered by the binder
/// (loops are unrolled), so back ends see only these forms.
/// </summary>
public abstract record Stmt(SourceSpan Span);

public sealed record Block(ImmutableArray<Stmt> Statements, SourceSpan Span) : Stmt(Span)
{
    public static Block Empty(SourceSpan span) => new(ImmutableArray<Stmt>.Empty, span);
}

/// <summary>Declares a local (let: never reassigned; var: may be assigned) with its initial value.</summary>
public sealed record LetStmt(Local Local, Expr Value, SourceSpan Span) : Stmt(Span);

/// <summary>Assigns a var local.</summary>
public sealed record AssignLocalStmt(Local Local, Expr Value, SourceSpan Span) : Stmt(Span);

/// <summary>Writes a scalar register or a register-file entry. Writes to hardwired entries and out-of-range indices are ignored.</summary>
public sealed record RegisterWriteStmt(RegisterDecl Register, Expr? Index, Expr Value, SourceSpan Span) : Stmt(Span);

/// <summary>Writes Cells consecutive cells starting at Address, split in the memory's byte order.</summary>
public sealed record MemoryWriteStmt(MemoryDecl Memory, Expr Address, int Cells, Expr Value, SourceSpan Span) : Stmt(Span);

public sealed record IfStmt(Expr Condition, Block Then, Block Else, SourceSpan Span) : Stmt(Span);

/// <summary>
/// Raises an exception: the step ends here (writes already done stay done) and returns the trap as a value.
/// </summary>
public sealed record TrapStmt(ExceptionDecl Exception, ImmutableArray<Expr> Arguments, SourceSpan Span) : Stmt(Span);

/// <summary>Stops the machine: the step ends and reports Halted.</summary>
public sealed record HaltStmt(SourceSpan Span) : Stmt(Span);

/// <summary>Returns from the enclosing function (Value null in procedures).</summary>
public sealed record ReturnStmt(Expr? Value, SourceSpan Span) : Stmt(Span);

/// <summary>Calls a procedure or a function whose result is discarded.</summary>
public sealed record CallStmt(FunctionDecl Function, ImmutableArray<Expr> Arguments, SourceSpan Span) : Stmt(Span);
