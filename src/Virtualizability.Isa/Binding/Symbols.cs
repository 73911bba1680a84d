using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

/// <summary>What a name means. Globals share one namespace; locals may not shadow anything visible.</summary>
internal abstract class Symbol(string name, SourceSpan span)
{
    public string Name { get; } = name;
    public SourceSpan Span { get; } = span;
    public abstract string KindName { get; }

    /// <summary>The kind with its article, for messages: "a register", "an exception".</summary>
    public string Described => ("aeiou".Contains(KindName[0]) ? "an " : "a ") + KindName;
}

internal enum ConstState { Unevaluated, InProgress, Done }

/// <summary>A constant, evaluated on first use so constants may refer to later ones; cycles are reported.</summary>
internal sealed class ConstSymbol(ConstSyntax syntax) : Symbol(syntax.Name, syntax.Span)
{
    public ConstSyntax Syntax { get; } = syntax;
    public ConstState State { get; set; }
    /// <summary>The value after evaluation: an integer, a named bit-vector constant, or an error.</summary>
    public BoundValue Value { get; set; } = BoundValue.Error;
    public override string KindName => "constant";
}

internal sealed class RegisterSymbol(RegisterDecl decl) : Symbol(decl.Name, decl.Span)
{
    public RegisterDecl Decl { get; } = decl;
    public override string KindName => Decl.IsFile ? "register file" : "register";
}

internal sealed class MemorySymbol(MemoryDecl decl) : Symbol(decl.Name, decl.Span)
{
    public MemoryDecl Decl { get; } = decl;
    public override string KindName => "memory";
}

/// <summary>A function: its signature is known before any body is bound; Decl is set once its body is.</summary>
internal sealed class FunctionSymbol(FnSyntax syntax, ImmutableArray<Local> parameters, IrType? returnType)
    : Symbol(syntax.Name, syntax.Span)
{
    public FnSyntax Syntax { get; } = syntax;
    public ImmutableArray<Local> Parameters { get; } = parameters;
    public IrType? ReturnType { get; } = returnType;
    public FunctionDecl? Decl { get; set; }
    public override string KindName => "function";
}

internal sealed class ExceptionSymbol(ExceptionSyntax syntax, ImmutableArray<Local> parameters, int index)
    : Symbol(syntax.Name, syntax.Span)
{
    public ExceptionSyntax Syntax { get; } = syntax;
    public ImmutableArray<Local> Parameters { get; } = parameters;
    public int Index { get; } = index;
    public ExceptionDecl? Decl { get; set; }
    public override string KindName => "exception";
}

internal sealed class InstructionSymbol(InstructionSyntax syntax) : Symbol(syntax.Name, syntax.Span)
{
    public InstructionSyntax Syntax { get; } = syntax;
    public override string KindName => "instruction";
}

internal sealed class LocalSymbol(Local local) : Symbol(local.Name, local.Span)
{
    public Local Local { get; } = local;
    public override string KindName => Local.Kind switch
    {
        LocalKind.Parameter => "parameter",
        LocalKind.Let => "let",
        LocalKind.Var => "var",
        _ => "encoding field",
    };
}

/// <summary>The variable of an unrolled `for`: a compile-time integer.</summary>
internal sealed class LoopVariableSymbol(string name, SourceSpan span, Int128 value) : Symbol(name, span)
{
    public Int128 Value { get; } = value;
    public override string KindName => "loop variable";
}
