using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Syntax;

/// <summary>
/// Expression syntax. <see cref="Depth"/> is the height of the tree, kept so that the parser can refuse
/// trees the recursive binder and printer could not walk safely.
/// </summary>
internal abstract record ExprSyntax(SourceSpan Span)
{
    public int Depth { get; init; } = 1;
}

internal sealed record IntLiteralSyntax(UInt128 Value, SourceSpan Span) : ExprSyntax(Span);

internal sealed record BoolLiteralSyntax(bool Value, SourceSpan Span) : ExprSyntax(Span);

internal sealed record NameSyntax(string Name, SourceSpan Span) : ExprSyntax(Span);

internal sealed record CallSyntax(string Name, ImmutableArray<ExprSyntax> Arguments, SourceSpan Span) : ExprSyntax(Span);

/// <summary>IDENT[index] or IDENT[index, count]: a file entry, a memory read, or a one-bit slice.</summary>
internal sealed record IndexSyntax(string Name, SourceSpan NameSpan, ExprSyntax Index, ExprSyntax? Count, SourceSpan Span) : ExprSyntax(Span);

/// <summary>operand[high .. low] or operand[bit] on something that is not a name.</summary>
internal sealed record SliceSyntax(ExprSyntax Operand, ExprSyntax High, ExprSyntax? Low, SourceSpan Span) : ExprSyntax(Span);

internal sealed record FieldAccessSyntax(ExprSyntax Operand, string Field, SourceSpan FieldSpan, SourceSpan Span) : ExprSyntax(Span);

internal sealed record UnarySyntax(string Operator, ExprSyntax Operand, SourceSpan Span) : ExprSyntax(Span);

internal sealed record BinarySyntax(string Operator, ExprSyntax Left, ExprSyntax Right, SourceSpan Span) : ExprSyntax(Span);

internal sealed record IfExprSyntax(ExprSyntax Condition, ExprSyntax Then, ExprSyntax Else, SourceSpan Span) : ExprSyntax(Span);

/// <summary>Stands for an expression that failed to parse; the error is already reported.</summary>
internal sealed record ErrorExprSyntax(SourceSpan Span) : ExprSyntax(Span);

internal sealed record TypeSyntax(bool IsBool, ExprSyntax? Width, SourceSpan Span);
