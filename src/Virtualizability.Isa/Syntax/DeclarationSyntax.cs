using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;

namespace Virtualizability.Isa.Syntax;

internal abstract record DeclSyntax(SourceSpan Span);

internal sealed record IncludeSyntax(string Path, SourceSpan Span) : DeclSyntax(Span);

internal sealed record IsaSyntax(string Name, string Title, SourceSpan Span) : DeclSyntax(Span);

/// <summary>Width is null for `encoding bytes`.</summary>
internal sealed record EncodingSyntax(bool IsBytes, ExprSyntax? Width, SourceSpan Span) : DeclSyntax(Span);

internal sealed record ConstSyntax(string Name, TypeSyntax? Type, ExprSyntax Value, SourceSpan Span) : DeclSyntax(Span);

internal sealed record MemorySyntax(string Name, TypeSyntax Address, TypeSyntax Cell, bool BigEndian, SourceSpan Span) : DeclSyntax(Span);

internal sealed record FieldSyntax(string Name, ExprSyntax High, ExprSyntax? Low, SourceSpan Span);

internal sealed record HardwiredSyntax(ExprSyntax Index, ExprSyntax Value, SourceSpan Span);

internal sealed record RegisterSyntax(string Name, ExprSyntax? Count, TypeSyntax Type, ImmutableArray<FieldSyntax> Fields,
    ImmutableArray<HardwiredSyntax> Hardwired, SourceSpan Span) : DeclSyntax(Span);

internal sealed record StateRefSyntax(string Name, ExprSyntax? Index, string? Field, SourceSpan Span);

internal abstract record RoleSyntax(SourceSpan Span);

internal sealed record PcRoleSyntax(string Register, SourceSpan Span) : RoleSyntax(Span);

internal sealed record StorageRoleSyntax(string Memory, SourceSpan Span) : RoleSyntax(Span);

/// <summary>Kind is "mode", "resource" or "time".</summary>
internal sealed record StateRoleSyntax(string Kind, ImmutableArray<StateRefSyntax> Refs, SourceSpan Span) : RoleSyntax(Span);

/// <summary>`memtrap E1, E2;`: the exceptions that are Popek and Goldberg's memory traps.</summary>
internal sealed record MemoryTrapRoleSyntax(ImmutableArray<(string Name, SourceSpan Span)> Exceptions, SourceSpan Span) : RoleSyntax(Span);

internal sealed record SupervisorRoleSyntax(ExprSyntax Condition, SourceSpan Span) : RoleSyntax(Span);

internal sealed record EnterRoleSyntax(bool User, BlockSyntax Body, SourceSpan Span) : RoleSyntax(Span);

internal sealed record RolesSyntax(ImmutableArray<RoleSyntax> Roles, SourceSpan Span) : DeclSyntax(Span);

internal sealed record ParamSyntax(string Name, TypeSyntax Type, SourceSpan Span);

internal sealed record VmMapSyntax(string Name, ParamSyntax Parameter, BlockSyntax Body, SourceSpan Span) : DeclSyntax(Span);

internal sealed record ExceptionSyntax(string Name, ImmutableArray<ParamSyntax> Parameters, BlockSyntax Body, SourceSpan Span) : DeclSyntax(Span);

/// <summary>Exactly one of Body and ExprBody is set (`fn f() : T = e;` has ExprBody).</summary>
internal sealed record FnSyntax(string Name, ImmutableArray<ParamSyntax> Parameters, TypeSyntax? ReturnType, BlockSyntax? Body,
    ExprSyntax? ExprBody, SourceSpan Span) : DeclSyntax(Span);

internal sealed record InstructionSyntax(string Name, string Pattern, SourceSpan PatternSpan, string? Description, BlockSyntax Body,
    SourceSpan Span) : DeclSyntax(Span);

/// <summary>Kind is "reset", "prologue", "epilogue" or "undefined".</summary>
internal sealed record HookSyntax(string Kind, BlockSyntax Body, SourceSpan Span) : DeclSyntax(Span);
