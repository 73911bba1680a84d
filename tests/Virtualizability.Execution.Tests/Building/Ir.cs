using System.Collections.Immutable;
using Virtualizability.Isa.Diagnostics;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Execution.Tests.Building;

/// <summary>Short constructors for hand-built IR, so test specs read close to the .isa text they stand for.</summary>
internal static class Ir
{
    public static readonly SourceSpan S = SourceSpan.None;

    public static ConstExpr C(ulong value, int width) => new(value & IrType.Bits(width).Mask, IrType.Bits(width), S);
    public static readonly ConstExpr True = new(1, IrType.Bool, S);
    public static readonly ConstExpr False = new(0, IrType.Bool, S);

    public static LocalExpr L(Local local) => new(local, S);
    public static RegisterReadExpr R(RegisterDecl register, Expr? index = null) => new(register, index, S);
    public static MemoryReadExpr Mem(MemoryDecl memory, Expr address, int cells = 1) => new(memory, address, cells, S);

    private static bool IsBoolResult(BinaryOp op) => op is >= BinaryOp.Eq;

    public static BinaryExpr Bin(BinaryOp op, Expr left, Expr right) => new(op, left, right, IsBoolResult(op) ? IrType.Bool : left.Type, S);
    public static BinaryExpr Add(Expr a, Expr b) => Bin(BinaryOp.Add, a, b);
    public static BinaryExpr Sub(Expr a, Expr b) => Bin(BinaryOp.Sub, a, b);
    public static BinaryExpr Eq(Expr a, Expr b) => Bin(BinaryOp.Eq, a, b);
    public static BinaryExpr Ne(Expr a, Expr b) => Bin(BinaryOp.Ne, a, b);
    public static BinaryExpr ULe(Expr a, Expr b) => Bin(BinaryOp.ULe, a, b);
    public static UnaryExpr Not(Expr a) => new(a.Type.IsBool ? UnaryOp.LogicalNot : UnaryOp.Not, a, a.Type, S);
    public static ExtractExpr Slice(Expr a, int high, int low) => new(a, high, low, S);
    public static ConcatExpr Concat(Expr high, Expr low) => new(high, low, S);
    public static ZeroExtendExpr Zext(Expr a, int width) => new(a, IrType.Bits(width), S);
    public static SignExtendExpr Sext(Expr a, int width) => new(a, IrType.Bits(width), S);
    public static IfExpr If(Expr condition, Expr then, Expr otherwise) => new(condition, then, otherwise, S);
    public static CallExpr Call(FunctionDecl function, params Expr[] arguments) => new(function, [.. arguments], S);

    public static Block Block(params Stmt[] statements) => new([.. statements], S);
    public static readonly Block Empty = Isa.Ir.Block.Empty(SourceSpan.None);
    public static LetStmt Let(Local local, Expr value) => new(local, value, S);
    public static RegisterWriteStmt Set(RegisterDecl register, Expr value) => new(register, null, value, S);
    public static RegisterWriteStmt Set(RegisterDecl register, Expr index, Expr value) => new(register, index, value, S);
    public static MemoryWriteStmt Store(MemoryDecl memory, Expr address, int cells, Expr value) => new(memory, address, cells, value, S);
    public static IfStmt IfS(Expr condition, Block then, Block? otherwise = null) => new(condition, then, otherwise ?? Empty, S);
    public static TrapStmt Trap(ExceptionDecl exception, params Expr[] arguments) => new(exception, [.. arguments], S);
    public static HaltStmt Halt() => new(S);
    public static ReturnStmt Return(Expr? value = null) => new(value, S);
    public static CallStmt CallS(FunctionDecl function, params Expr[] arguments) => new(function, [.. arguments], S);

    /// <summary>`require c else trap E(args)` as the binder lowers it.</summary>
    public static IfStmt Require(Expr condition, ExceptionDecl exception, params Expr[] arguments) =>
        IfS(Not(condition), Block(Trap(exception, arguments)));

    public static Local Var(string name, int width, LocalKind kind = LocalKind.Let) => new(name, IrType.Bits(width), kind, S);
    public static Local BoolVar(string name) => new(name, IrType.Bool, LocalKind.Let, S);

    public static ImmutableArray<T> Array<T>(params T[] items) => [.. items];
}
