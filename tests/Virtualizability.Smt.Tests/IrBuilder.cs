using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Smt.Tests;

/// <summary>Terse constructors for IR trees, so tests can build small machines without the parser.</summary>
internal static class Ir
{
    public static readonly SourceSpan S = SourceSpan.None;

    public static ConstExpr C(ulong value, int width) => new(value, IrType.Bits(width), S);
    public static ConstExpr Bool(bool value) => new(value ? 1UL : 0UL, IrType.Bool, S);
    public static LocalExpr L(Local local) => new(local, S);
    public static RegisterReadExpr R(RegisterDecl r, Expr? index = null) => new(r, index, S);
    public static MemoryReadExpr Mem(MemoryDecl m, Expr address, int cells = 1) => new(m, address, cells, S);
    public static UnaryExpr Un(UnaryOp op, Expr e) => new(op, e, op == UnaryOp.LogicalNot ? IrType.Bool : e.Type, S);

    public static BinaryExpr Bin(BinaryOp op, Expr a, Expr b)
    {
        var type = op switch
        {
            >= BinaryOp.Eq and <= BinaryOp.SGe or BinaryOp.LogicalAnd or BinaryOp.LogicalOr => IrType.Bool,
            _ => a.Type,
        };
        return new BinaryExpr(op, a, b, type, S);
    }

    public static Local Param(string name, int width) => new(name, IrType.Bits(width), LocalKind.Parameter, S);
    public static Local Let(string name, IrType type) => new(name, type, LocalKind.Let, S);

    public static Block Block(params Stmt[] statements) => new([.. statements], S);
    public static RegisterWriteStmt Set(RegisterDecl r, Expr value, Expr? index = null) => new(r, index, value, S);
    public static MemoryWriteStmt Store(MemoryDecl m, Expr address, int cells, Expr value) => new(m, address, cells, value, S);
    public static IfStmt If(Expr c, Block then, Block? @else = null) => new(c, then, @else ?? Block(), S);
    public static TrapStmt Trap(ExceptionDecl e, params Expr[] args) => new(e, [.. args], S);
    public static ReturnStmt Return(Expr? value = null) => new(value, S);
    public static CallStmt Call(FunctionDecl f, params Expr[] args) => new(f, [.. args], S);
    public static CallExpr CallE(FunctionDecl f, params Expr[] args) => new(f, [.. args], S);

    public static RegisterDecl Register(string name, int width, int slot, int count = 1, params HardwiredEntry[] hardwired) =>
        new(name, width, count > 1, count, slot, [.. hardwired], [], S);

    /// <summary>An encoding pattern from its text, most significant bit first: 0, 1, x, and name:width fields.</summary>
    public static EncodingPattern Pattern(string text)
    {
        var tokens = new List<(char? Bit, string? Field, int Width)>();
        foreach (var chunk in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (chunk.Contains(':'))
            {
                var parts = chunk.Split(':');
                tokens.Add((null, parts[0], int.Parse(parts[1])));
            }
            else
            {
                tokens.AddRange(chunk.Select(c => ((char?)c, (string?)null, 1)));
            }
        }
        var length = tokens.Sum(t => t.Width);
        UInt128 mask = 0, value = 0;
        var fields = ImmutableArray.CreateBuilder<EncodingField>();
        var position = length;
        foreach (var (bit, field, width) in tokens)
        {
            position -= width;
            if (field is not null)
            {
                fields.Add(new EncodingField(field, position, width, false, new Local(field, IrType.Bits(width), LocalKind.Field, S)));
            }
            else if (bit is '0' or '1')
            {
                mask |= UInt128.One << position;
                if (bit == '1') value |= UInt128.One << position;
            }
        }
        return new EncodingPattern(text, length, mask, value, fields.ToImmutable());
    }

    public static Local Field(InstructionDecl instruction, string name) => instruction.Encoding.Fields.Single(f => f.Name == name).Local;
}
