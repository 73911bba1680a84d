using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

internal sealed partial class Binder
{
    /// <summary>Binds `bits(N)` or `bool`; a bad width is reported and replaced by 1 bit so binding can go on.</summary>
    private IrType BindType(TypeSyntax type)
    {
        if (type.IsBool) return IrType.Bool;
        var n = ConstantInteger(type.Width!);
        if (n is null) return IrType.Bits(1);
        if (n < 1 || n > IrType.MaxWidth)
        {
            Error(DiagnosticCodes.InvalidWidth, type.Width!.Span, $"bits(N) needs 1 <= N <= {IrType.MaxWidth}, not {n}");
            return IrType.Bits(1);
        }
        return IrType.Bits((int)n.Value);
    }

    /// <summary>
    /// Evaluates a compile-time integer (widths, counts, bounds, slice indices). A bit-vector constant is accepted
    /// for its value. Reports and returns null for anything that is not known at compile time.
    /// </summary>
    private int? ConstantInt(ExprSyntax syntax, string what)
    {
        var n = ConstantInteger(syntax);
        if (n is null) return null;
        if (n < int.MinValue || n > int.MaxValue)
        {
            Error(DiagnosticCodes.ConstantArithmetic, syntax.Span, $"{what} {n} is out of range");
            return null;
        }
        return (int)n.Value;
    }

    private Int128? ConstantInteger(ExprSyntax syntax)
    {
        var value = BindExpr(syntax, null, GlobalContext());
        switch (value.Kind)
        {
            case ValueKind.Integer: return value.Integer;
            case ValueKind.Ir when value.Expr is ConstExpr { Type.IsBool: false } c: return c.Value;
            case ValueKind.Ir when value.Expr is NamedConstExpr { Type.IsBool: false } n: return n.Constant.Value;
            case ValueKind.Ir:
                Error(DiagnosticCodes.NotConstant, syntax.Span, "this must be a compile-time integer");
                return null;
            default: return null;
        }
    }

    /// <summary>A constant's value, evaluating it on first use (constants may refer to later ones, not to themselves).</summary>
    private BoundValue ConstantValue(ConstSymbol symbol, SourceSpan useSpan)
    {
        switch (symbol.State)
        {
            case ConstState.Done: return symbol.Value;
            case ConstState.InProgress:
                Error(DiagnosticCodes.Recursion, useSpan, $"constant '{symbol.Name}' is defined in terms of itself");
                return BoundValue.Error;
        }
        // A constant that refers to a later one evaluates it first, recursively: a long enough chain of forward references
        // would exhaust the stack, so the chain is limited like any other nesting.
        if (_constantChain >= Parser.MaxDepth)
        {
            // Once: every later constant of the same chain would hit the limit again, 200 constants further on.
            if (_constantChainReported) return BoundValue.Error;
            _constantChainReported = true;
            Error(DiagnosticCodes.NestingTooDeep, useSpan,
                $"constant '{symbol.Name}' is reached through more than {Parser.MaxDepth} constants that each refer to a later one; " +
                "declare constants before the ones that use them");
            return BoundValue.Error;
        }
        symbol.State = ConstState.InProgress;
        _constantChain++;
        try
        {
            return EvaluateConstant(symbol);
        }
        finally
        {
            _constantChain--;
        }
    }

    /// <summary>How many constants are being evaluated, each waiting for the next (see <see cref="ConstantValue"/>).</summary>
    private int _constantChain;
    private bool _constantChainReported;

    private BoundValue EvaluateConstant(ConstSymbol symbol)
    {
        var syntax = symbol.Syntax;
        var value = BoundValue.Error;
        if (syntax.Type is null)
        {
            var raw = BindExpr(syntax.Value, null, GlobalContext());
            if (raw.IsInteger) value = raw;
            else if (raw.IsIr) Error(DiagnosticCodes.NotConstant, syntax.Value.Span,
                $"constant '{syntax.Name}' has no type, so it must be a compile-time integer");
        }
        else
        {
            var type = BindType(syntax.Type);
            var raw = BindExpr(syntax.Value, type, GlobalContext());
            var expr = Coerce(raw, type, syntax.Value.Span);
            if (expr is ConstExpr c)
                value = BoundValue.Of(new NamedConstExpr(new ConstantDecl(syntax.Name, type, c.Value, syntax.Span), syntax.Span));
            else if (expr is NamedConstExpr n)
                value = BoundValue.Of(new NamedConstExpr(new ConstantDecl(syntax.Name, type, n.Constant.Value, syntax.Span), syntax.Span));
            else if (!raw.IsError)
                Error(DiagnosticCodes.NotConstant, syntax.Value.Span, $"the value of constant '{syntax.Name}' is not a compile-time constant");
        }
        symbol.Value = value;
        symbol.State = ConstState.Done;
        return value;
    }

    /// <summary>Turns a compile-time integer into a bits(N) constant: it must fit unsigned, or fit as a negative two's-complement number.</summary>
    private ConstExpr? IntegerToBits(Int128 value, IrType type, SourceSpan span)
    {
        if (type.IsBool)
        {
            Error(DiagnosticCodes.TypeMismatch, span, "expected bool, found an integer");
            return null;
        }
        var width = type.Width;
        var fits = value >= 0 ? value <= (Int128)type.Mask : value >= -((Int128)1 << (width - 1));
        if (!fits)
        {
            Error(DiagnosticCodes.IntegerDoesNotFit, span, $"{value} does not fit in {type}");
            return null;
        }
        return new ConstExpr((ulong)(value & (Int128)type.Mask), type, span);
    }
}
