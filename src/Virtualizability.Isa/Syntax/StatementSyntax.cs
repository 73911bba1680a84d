using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Syntax;

internal abstract record StmtSyntax(SourceSpan Span);

internal sealed record BlockSyntax(ImmutableArray<StmtSyntax> Statements, SourceSpan Span) : StmtSyntax(Span);

internal sealed record LetSyntax(bool IsVar, string Name, SourceSpan NameSpan, TypeSyntax? Type, ExprSyntax Value, SourceSpan Span) : StmtSyntax(Span);

internal sealed record AssignSyntax(ExprSyntax Target, ExprSyntax Value, SourceSpan Span) : StmtSyntax(Span);

/// <summary>Else is null, a block, or an if statement (else if).</summary>
internal sealed record IfSyntax(ExprSyntax Condition, BlockSyntax Then, StmtSyntax? Else, SourceSpan Span) : StmtSyntax(Span);

/// <summary>An arm with no patterns is the default arm `_`.</summary>
internal sealed record MatchArmSyntax(ImmutableArray<ExprSyntax> Patterns, StmtSyntax Body, SourceSpan Span);

internal sealed record MatchSyntax(ExprSyntax Scrutinee, ImmutableArray<MatchArmSyntax> Arms, SourceSpan Span) : StmtSyntax(Span);

internal sealed record ForSyntax(string Variable, SourceSpan VariableSpan, ExprSyntax From, ExprSyntax To, BlockSyntax Body, SourceSpan Span) : StmtSyntax(Span);

internal sealed record RequireSyntax(ExprSyntax Condition, string Exception, SourceSpan ExceptionSpan, ImmutableArray<ExprSyntax> Arguments, SourceSpan Span) : StmtSyntax(Span);

internal sealed record TrapSyntax(string Exception, SourceSpan ExceptionSpan, ImmutableArray<ExprSyntax> Arguments, SourceSpan Span) : StmtSyntax(Span);

internal sealed record HaltSyntax(SourceSpan Span) : StmtSyntax(Span);

internal sealed record ReturnSyntax(ExprSyntax? Value, SourceSpan Span) : StmtSyntax(Span);

internal sealed record CallStmtSyntax(CallSyntax Call, SourceSpan Span) : StmtSyntax(Span);

/// <summary>`move E by x;` — legal only as the last statement of a vmmap; parsed anywhere so the binder can say so.</summary>
internal sealed record MoveSyntax(string Storage, SourceSpan StorageSpan, ExprSyntax By, SourceSpan Span) : StmtSyntax(Span);
