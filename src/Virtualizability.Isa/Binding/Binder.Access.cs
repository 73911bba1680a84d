using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa.Syntax;

namespace Virtualizability.Isa.Binding;

internal sealed partial class Binder
{
    /// <summary>IDENT[i] / IDENT[a, n]: a register-file entry, a memory read, or one bit of a value.</summary>
    private BoundValue BindIndex(IndexSyntax syntax, BindContext context)
    {
        var symbol = Lookup(syntax.Name, context);
        switch (symbol)
        {
            case null:
                Error(DiagnosticCodes.UnknownName, syntax.NameSpan, $"unknown name '{syntax.Name}'");
                return BoundValue.Error;
            case RegisterSymbol { Decl.IsFile: true } file:
            {
                var index = BindFileIndex(file.Decl, syntax, context);
                return index is null ? BoundValue.Error : BoundValue.Of(new RegisterReadExpr(file.Decl, index, syntax.Span));
            }
            case MemorySymbol memory:
            {
                var access = BindMemoryAccess(memory.Decl, syntax, context);
                return access is not { } a ? BoundValue.Error : BoundValue.Of(new MemoryReadExpr(memory.Decl, a.Address, a.Cells, syntax.Span));
            }
            default:
            {
                if (syntax.Count is not null)
                {
                    Error(DiagnosticCodes.InvalidAccessSize, syntax.Count.Span, $"a cell count is only allowed when reading a memory, and '{syntax.Name}' is not one");
                    return BoundValue.Error;
                }
                var operand = BindName(new NameSyntax(syntax.Name, syntax.NameSpan), context);
                return Slice(operand, syntax.Index, null, syntax.Span, syntax.NameSpan, context);
            }
        }
    }

    /// <summary>The index of a register-file entry: any width; a compile-time index must be in range.</summary>
    private Expr? BindFileIndex(RegisterDecl file, IndexSyntax syntax, BindContext context)
    {
        if (syntax.Count is not null)
        {
            Error(DiagnosticCodes.InvalidAccessSize, syntax.Count.Span, $"a cell count is only allowed for memories, and '{file.Name}' is a register file");
            return null;
        }
        var index = BindExpr(syntax.Index, null, context);
        if (index.IsError) return null;
        if (index.IsInteger)
        {
            if (index.Integer < 0 || index.Integer >= file.Count)
            {
                Error(DiagnosticCodes.IndexOutOfRange, syntax.Index.Span, $"index {index.Integer} is outside {file.Name}[0 .. {file.Count - 1}]");
                return null;
            }
            return new ConstExpr((ulong)index.Integer, IrType.Bits(IndexWidth(file.Count)), syntax.Index.Span);
        }
        return RequireBits(index, syntax.Index.Span, "a register-file index");
    }

    /// <summary>The width that integer indices of a file take: enough bits for its last entry.</summary>
    internal static int IndexWidth(int count) => Math.Max(1, 32 - int.LeadingZeroCount(count - 1));

    private (Expr Address, int Cells)? BindMemoryAccess(MemoryDecl memory, IndexSyntax syntax, BindContext context)
    {
        var addressType = IrType.Bits(memory.AddressWidth);
        var address = Coerce(BindExpr(syntax.Index, addressType, context), addressType, syntax.Index.Span);
        var cells = 1;
        if (syntax.Count is not null)
        {
            var n = ConstantInt(syntax.Count, "cell count");
            if (n is null) return null;
            cells = n.Value;
        }
        if (cells is not (1 or 2 or 4 or 8) || cells * memory.CellWidth > IrType.MaxWidth)
        {
            Error(DiagnosticCodes.InvalidAccessSize, syntax.Count?.Span ?? syntax.Span,
                $"a memory access reads 1, 2, 4 or 8 cells and at most {IrType.MaxWidth} bits; {cells} cells of {memory.CellWidth} bits is not allowed");
            return null;
        }
        return (address, cells);
    }

    private BoundValue BindSlice(SliceSyntax syntax, BindContext context)
    {
        var operand = BindExpr(syntax.Operand, null, context);
        return Slice(operand, syntax.High, syntax.Low, syntax.Span, syntax.Operand.Span, context);
    }

    private BoundValue Slice(BoundValue operand, ExprSyntax highSyntax, ExprSyntax? lowSyntax, SourceSpan span, SourceSpan operandSpan, BindContext context)
    {
        var high = ConstantIntIn(highSyntax, context);
        var low = lowSyntax is null ? high : ConstantIntIn(lowSyntax, context);
        var value = operand.IsError ? null : RequireBits(operand, operandSpan, "a sliced value");
        if (value is null || high is null || low is null) return BoundValue.Error;
        if (low < 0 || high < low || high >= value.Type.Width)
        {
            Error(DiagnosticCodes.InvalidSlice, span, $"bits {high} .. {low} are not a slice of {value.Type} (need {value.Type.Width - 1} >= high >= low >= 0)");
            return BoundValue.Error;
        }
        return BoundValue.Of(new ExtractExpr(value, high.Value, low.Value, span));
    }

    /// <summary>A compile-time integer that may use loop variables of the current context.</summary>
    private int? ConstantIntIn(ExprSyntax syntax, BindContext context)
    {
        var value = BindExpr(syntax, null, context);
        if (value.IsError) return null;
        Int128? n = value.IsInteger ? value.Integer
            : value.Expr is ConstExpr { Type.IsBool: false } c ? c.Value
            : value.Expr is NamedConstExpr { Type.IsBool: false } nc ? nc.Constant.Value : null;
        if (n is null)
        {
            Error(DiagnosticCodes.NotConstant, syntax.Span, "this must be a compile-time integer");
            return null;
        }
        if (n < 0 || n > IrType.MaxWidth * 2)
        {
            Error(DiagnosticCodes.InvalidSlice, syntax.Span, $"bit index {n} is out of range");
            return null;
        }
        return (int)n.Value;
    }

    /// <summary>The register (and entry) a field access names, for reads and for read-modify-write.</summary>
    private (RegisterDecl Register, Expr? Index, RegisterField Field)? ResolveField(FieldAccessSyntax syntax, BindContext context)
    {
        RegisterDecl? register = null;
        Expr? index = null;
        switch (syntax.Operand)
        {
            case NameSyntax name when Lookup(name.Name, context) is RegisterSymbol { Decl.IsFile: false } r:
                register = r.Decl;
                break;
            case IndexSyntax idx when Lookup(idx.Name, context) is RegisterSymbol { Decl.IsFile: true } f:
                register = f.Decl;
                index = BindFileIndex(f.Decl, idx, context);
                if (index is null) return null;
                break;
        }
        if (register is null)
        {
            var operand = BindExpr(syntax.Operand, null, context);
            if (!operand.IsError)
                Error(DiagnosticCodes.WrongKind, syntax.Span, $"'.{syntax.Field}' needs a register or a register-file entry before it");
            return null;
        }
        var field = register.Field(syntax.Field);
        if (field is null)
        {
            Error(DiagnosticCodes.UnknownField, syntax.FieldSpan, $"register '{register.Name}' has no field '{syntax.Field}'");
            return null;
        }
        return (register, index, field);
    }

    private BoundValue BindFieldRead(FieldAccessSyntax syntax, BindContext context)
    {
        if (ResolveField(syntax, context) is not { } f) return BoundValue.Error;
        var read = new RegisterReadExpr(f.Register, f.Index, syntax.Operand.Span);
        return BoundValue.Of(new ExtractExpr(read, f.Field.High, f.Field.Low, syntax.Span));
    }
}
