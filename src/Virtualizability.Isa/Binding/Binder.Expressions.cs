using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

internal sealed partial class Binder
{
    private static BindContext GlobalContext() => new(BodyKind.Global, new Scope(null), null);

    private Symbol? Lookup(string name, BindContext context) =>
        context.Scope.Lookup(name) ?? _globals.GetValueOrDefault(name);

    /// <summary>
    /// Binds an expression. <paramref name="expected"/> is the type the context wants, if any; it is a hint for
    /// typing integer literals, and callers still <see cref="Coerce"/> the result.
    /// </summary>
    private BoundValue BindExpr(ExprSyntax syntax, IrType? expected, BindContext context)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (syntax)
        {
            case IntLiteralSyntax lit:
                if (lit.Value > (UInt128)Int128.MaxValue)
                {
                    Error(DiagnosticCodes.ConstantArithmetic, lit.Span, "integer literal is larger than 2^127 - 1");
                    return BoundValue.Error;
                }
                return BoundValue.Of((Int128)lit.Value);
            case BoolLiteralSyntax b:
                return BoundValue.Of(new ConstExpr(b.Value ? 1UL : 0UL, IrType.Bool, b.Span));
            case NameSyntax name:
                return BindName(name, context);
            case ErrorExprSyntax:
                return BoundValue.Error;
            case UnarySyntax unary:
                return BindUnary(unary, expected, context);
            case BinarySyntax binary:
                return BindBinary(binary, expected, context);
            case IfExprSyntax ifExpr:
                return BindIfExpr(ifExpr, expected, context);
            case IndexSyntax index:
                return BindIndex(index, context);
            case SliceSyntax slice:
                return BindSlice(slice, context);
            case FieldAccessSyntax field:
                return BindFieldRead(field, context);
            case CallSyntax call:
                return BindCall(call, expected, context);
            default:
                throw new InvalidOperationException($"unknown syntax {syntax.GetType().Name}");
        }
    }

    private BoundValue BindName(NameSyntax name, BindContext context)
    {
        switch (Lookup(name.Name, context))
        {
            case null:
                Error(DiagnosticCodes.UnknownName, name.Span, $"unknown name '{name.Name}'");
                return BoundValue.Error;
            case LocalSymbol local: return BoundValue.Of(new LocalExpr(local.Local, name.Span));
            case LoopVariableSymbol loop: return BoundValue.Of(loop.Value);
            case ConstSymbol constant:
            {
                var value = ConstantValue(constant, name.Span);
                return value.Expr is NamedConstExpr n ? BoundValue.Of(n with { Span = name.Span }) : value;
            }
            case RegisterSymbol { Decl.IsFile: false } register:
                return BoundValue.Of(new RegisterReadExpr(register.Decl, null, name.Span));
            case var other:
                Error(DiagnosticCodes.WrongKind, name.Span, other is RegisterSymbol
                    ? $"'{name.Name}' is a register file: say which entry, as in {name.Name}[i]"
                    : $"'{name.Name}' is {other.Described}, not a value");
                return BoundValue.Error;
        }
    }

    /// <summary>The IR expression of a value at a required type; integers are typed here. Errors become a 0 of that type.</summary>
    private Expr Coerce(BoundValue value, IrType type, SourceSpan span)
    {
        switch (value.Kind)
        {
            case ValueKind.Integer:
                return IntegerToBits(value.Integer, type, span) ?? Zero(type, span);
            case ValueKind.Ir when value.Expr!.Type != type:
                Error(type.IsBool || value.Expr.Type.IsBool ? DiagnosticCodes.TypeMismatch : DiagnosticCodes.WidthMismatch, span,
                    $"expected {type}, found {value.Expr.Type}");
                return Zero(type, span);
            case ValueKind.Ir: return value.Expr!;
            default: return Zero(type, span);
        }
    }

    private static ConstExpr Zero(IrType type, SourceSpan span) => new(0, type, span);

    /// <summary>The value as a bit-vector expression, or null (reported) when it is an integer with no width or a bool.</summary>
    private Expr? RequireBits(BoundValue value, SourceSpan span, string what)
    {
        switch (value.Kind)
        {
            case ValueKind.Integer:
                Error(DiagnosticCodes.IntegerNeedsWidth, span, $"{what} is an integer with no width to take; use a typed value or a cast");
                return null;
            case ValueKind.Ir when value.Expr!.Type.IsBool:
                Error(DiagnosticCodes.TypeMismatch, span, $"{what} must be bits(N), found bool");
                return null;
            case ValueKind.Ir: return value.Expr;
            default: return null;
        }
    }

    private Expr? RequireBool(BoundValue value, SourceSpan span)
    {
        switch (value.Kind)
        {
            case ValueKind.Integer:
                Error(DiagnosticCodes.TypeMismatch, span, "expected bool, found an integer");
                return null;
            case ValueKind.Ir when !value.Expr!.Type.IsBool:
                Error(DiagnosticCodes.TypeMismatch, span, $"expected bool, found {value.Expr.Type}");
                return null;
            case ValueKind.Ir: return value.Expr;
            default: return null;
        }
    }

    private BoundValue BindIfExpr(IfExprSyntax syntax, IrType? expected, BindContext context)
    {
        var condition = RequireBool(BindExpr(syntax.Condition, IrType.Bool, context), syntax.Condition.Span);
        var then = BindExpr(syntax.Then, expected, context);
        var otherwise = BindExpr(syntax.Else, expected, context);
        if (condition is null || then.IsError || otherwise.IsError) return BoundValue.Error;
        var type = then.IsIr ? then.Expr!.Type : otherwise.IsIr ? otherwise.Expr!.Type : expected;
        if (type is null)
        {
            Error(DiagnosticCodes.IntegerNeedsWidth, syntax.Span, "both arms are integers with no width to take");
            return BoundValue.Error;
        }
        var t = Coerce(then, type.Value, syntax.Then.Span);
        var e = Coerce(otherwise, type.Value, syntax.Else.Span);
        return BoundValue.Of(new IfExpr(condition, t, e, syntax.Span));
    }

    private BoundValue BindUnary(UnarySyntax syntax, IrType? expected, BindContext context)
    {
        var operand = BindExpr(syntax.Operand, syntax.Operator == "!" ? IrType.Bool : expected, context);
        if (operand.IsError) return operand;
        if (syntax.Operator == "!")
        {
            var b = RequireBool(operand, syntax.Operand.Span);
            return b is null ? BoundValue.Error : BoundValue.Of(new UnaryExpr(UnaryOp.LogicalNot, b, IrType.Bool, syntax.Span));
        }
        if (operand.IsInteger && syntax.Operator == "-") return BoundValue.Of(-operand.Integer);
        if (operand.IsInteger && expected is { IsBool: false } t)
            operand = BoundValue.Of(Coerce(operand, t, syntax.Operand.Span));
        var bits = RequireBits(operand, syntax.Operand.Span, $"the operand of '{syntax.Operator}'");
        if (bits is null) return BoundValue.Error;
        var op = syntax.Operator == "~" ? UnaryOp.Not : UnaryOp.Negate;
        return BoundValue.Of(new UnaryExpr(op, bits, bits.Type, syntax.Span));
    }
}
