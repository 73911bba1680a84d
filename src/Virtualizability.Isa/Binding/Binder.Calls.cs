using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

internal sealed partial class Binder
{
    private BoundValue BindCall(CallSyntax call, IrType? expected, BindContext context)
    {
        if (Builtins.IsBuiltin(call.Name)) return BindBuiltin(call, expected, context);
        var function = ResolveFunction(call, context);
        if (function is null) return BoundValue.Error;
        var args = BindArguments(call.Arguments, function.Parameters, call.Span, $"function '{call.Name}'", context);
        if (function.ReturnType is null)
        {
            Error(DiagnosticCodes.NoValue, call.Span, $"'{call.Name}' is a procedure and returns no value");
            return BoundValue.Error;
        }
        if (args is null || function.Decl is null) return BoundValue.Error;
        return BoundValue.Of(new CallExpr(function.Decl, args.Value, call.Span));
    }

    private FunctionSymbol? ResolveFunction(CallSyntax call, BindContext context)
    {
        switch (Lookup(call.Name, context))
        {
            case FunctionSymbol f: return f;
            case null:
                Error(DiagnosticCodes.UnknownName, call.Span, $"unknown function '{call.Name}'");
                BindArgumentsForErrors(call.Arguments, context);
                return null;
            case var other:
                Error(DiagnosticCodes.WrongKind, call.Span, $"'{call.Name}' is {other.Described}, not a function"
                    + (other is ExceptionSymbol ? $" (raise it with 'trap {call.Name}(...)')" : ""));
                BindArgumentsForErrors(call.Arguments, context);
                return null;
        }
    }

    private void BindArgumentsForErrors(ImmutableArray<ExprSyntax> args, BindContext context)
    {
        foreach (var a in args) BindExpr(a, null, context);
    }

    /// <summary>Binds arguments against parameter types; null when anything is wrong (already reported).</summary>
    private ImmutableArray<Expr>? BindArguments(ImmutableArray<ExprSyntax> args, ImmutableArray<Local> parameters, SourceSpan span,
        string what, BindContext context)
    {
        if (args.Length != parameters.Length)
        {
            Error(DiagnosticCodes.WrongArity, span, $"{what} takes {parameters.Length} argument(s), but {args.Length} were given");
            BindArgumentsForErrors(args, context);
            return null;
        }
        var result = ImmutableArray.CreateBuilder<Expr>(args.Length);
        var errors = _diagnostics.ErrorCount;
        var failed = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = BindExpr(args[i], parameters[i].Type, context);
            failed |= value.IsError;
            result.Add(Coerce(value, parameters[i].Type, args[i].Span));
        }
        return failed || _diagnostics.ErrorCount > errors ? null : result.MoveToImmutable();
    }

    private BoundValue BindBuiltin(CallSyntax call, IrType? expected, BindContext context)
    {
        var args = call.Arguments;
        var arity = call.Name == "bit" ? 1 : 2;
        if (args.Length != arity)
        {
            Error(DiagnosticCodes.WrongArity, call.Span, $"'{call.Name}' takes {arity} argument(s), but {args.Length} were given");
            BindArgumentsForErrors(args, context);
            return BoundValue.Error;
        }
        switch (call.Name)
        {
            case "bit":
            {
                var b = RequireBool(BindExpr(args[0], IrType.Bool, context), args[0].Span);
                return b is null ? BoundValue.Error : BoundValue.Of(new BoolToBitsExpr(b, call.Span));
            }
            case "zext":
            case "sext":
            {
                var raw = BindExpr(args[0], null, context);
                var width = ConstantIntIn(args[1], context);
                if (raw.IsInteger && width is not null)
                {
                    // zext(n, N) of an integer is n as a bits(N): the typed literal the printer uses where no context gives a width.
                    if (width is < 1 or > IrType.MaxWidth)
                    {
                        Error(DiagnosticCodes.InvalidExtension, args[1].Span, $"'{call.Name}' needs a width from 1 to {IrType.MaxWidth}, not {width}");
                        return BoundValue.Error;
                    }
                    var literal = IntegerToBits(raw.Integer, IrType.Bits(width.Value), args[0].Span);
                    return literal is null ? BoundValue.Error : BoundValue.Of(literal with { Span = call.Span });
                }
                var operand = raw.IsError ? null : RequireBits(raw, args[0].Span, $"the operand of '{call.Name}'");
                if (operand is null || width is null) return BoundValue.Error;
                if (width < operand.Type.Width || width > IrType.MaxWidth)
                {
                    Error(DiagnosticCodes.InvalidExtension, args[1].Span,
                        $"'{call.Name}' extends {operand.Type} to a width from {operand.Type.Width} to {IrType.MaxWidth}, not {width}");
                    return BoundValue.Error;
                }
                var type = IrType.Bits(width.Value);
                return BoundValue.Of(call.Name == "zext" ? new ZeroExtendExpr(operand, type, call.Span) : new SignExtendExpr(operand, type, call.Span));
            }
            case "slt": return Compare(BinaryOp.SLt, args[0], args[1], call.Span, context);
            case "sle": return Compare(BinaryOp.SLe, args[0], args[1], call.Span, context);
            case "sgt": return Compare(BinaryOp.SGt, args[0], args[1], call.Span, context);
            case "sge": return Compare(BinaryOp.SGe, args[0], args[1], call.Span, context);
            case "udiv": return Arithmetic(BinaryOp.UDiv, args[0], args[1], call.Span, expected, context);
            case "urem": return Arithmetic(BinaryOp.URem, args[0], args[1], call.Span, expected, context);
            case "sdiv": return Arithmetic(BinaryOp.SDiv, args[0], args[1], call.Span, expected, context);
            default: return Arithmetic(BinaryOp.SRem, args[0], args[1], call.Span, expected, context);
        }
    }
}
