using System.Collections.Immutable;
using Virtualizability.Isa.Ir;
using static Virtualizability.Smt.Tests.Ir;

namespace Virtualizability.Smt.Tests;

/// <summary>
/// A hand-built subset of isa-specs/pg-machine.isa as IR: mode M, relocation-bounds (L, B), eight registers,
/// big-endian byte storage, fetch through R, and the instructions SETR (privileged), ADD and NOP.
/// </summary>
internal sealed class MiniPgMachine
{
    public readonly RegisterDecl M = Register("M", 1, 0);
    public readonly RegisterDecl P = Register("P", 16, 1);
    public readonly RegisterDecl NP = Register("NP", 16, 2);
    public readonly RegisterDecl Lr = Register("L", 16, 3);
    public readonly RegisterDecl Br = Register("B", 16, 4);
    public readonly RegisterDecl G = Register("G", 16, 5, count: 8);
    public readonly MemoryDecl E = new("E", 16, 8, Endianness.Big, 0, S);
    public readonly ExceptionDecl MemoryViolation;
    public readonly ExceptionDecl PrivilegedOperation;
    public readonly FunctionDecl Translate;
    public readonly FunctionDecl Privileged;
    public readonly InstructionDecl Setr;
    public readonly InstructionDecl Add;
    public readonly IsaModel Model;

    public MiniPgMachine()
    {
        var addr = Param("addr", 16);
        MemoryViolation = new ExceptionDecl("MemoryViolation", [addr], Block(), 0, S);
        PrivilegedOperation = new ExceptionDecl("PrivilegedOperation", [], Block(), 1, S);

        // fn translate(a, n) { require zext(a,17) + n <= zext(B,17) else trap MemoryViolation(a); return L + a; }
        var a = Param("a", 16);
        var n = Param("n", 17);
        var inBounds = Bin(BinaryOp.ULe,
            Bin(BinaryOp.Add, new ZeroExtendExpr(L(a), IrType.Bits(17), S), L(n)),
            new ZeroExtendExpr(R(Br), IrType.Bits(17), S));
        Translate = new FunctionDecl("translate", [a, n], IrType.Bits(16), Block(
            If(Un(UnaryOp.LogicalNot, inBounds), Block(Trap(MemoryViolation, L(a)))),
            Return(Bin(BinaryOp.Add, R(Lr), L(a)))), S);

        Privileged = new FunctionDecl("privileged", [], null, Block(
            If(Un(UnaryOp.LogicalNot, Bin(BinaryOp.Eq, R(M), C(0, 1))), Block(Trap(PrivilegedOperation)))), S);

        var fetch = new FunctionDecl("fetch", [], IrType.Bits(32),
            Block(Return(Mem(E, CallE(Translate, R(P), C(4, 17)), 4))), S);

        var setrPattern = Pattern("110010 ra:3 rb:3 00000000000000000000");
        var ra = setrPattern.Fields[0].Local;
        var rb = setrPattern.Fields[1].Local;
        Setr = new InstructionDecl("SETR", null, setrPattern, Block(
            Call(Privileged),
            Set(Lr, R(G, L(ra))),
            Set(Br, R(G, L(rb)))), 0, S);

        var addPattern = Pattern("010000 ra:3 rb:3 rc:3 00000000000000000");
        Add = new InstructionDecl("ADD", null, addPattern, Block(
            Set(G, Bin(BinaryOp.Add, R(G, L(addPattern.Fields[1].Local)), R(G, L(addPattern.Fields[2].Local))), L(addPattern.Fields[0].Local))), 1, S);

        var nop = new InstructionDecl("NOP", null, Pattern("000000 00000000000000000000000000"), Block(), 2, S);

        var roles = new Roles(P, E, [new StateRef(M, null, null, S)], Bin(BinaryOp.Eq, R(M), C(0, 1)),
            Block(Set(M, C(1, 1))), Block(Set(M, C(0, 1))),
            [new StateRef(Lr, null, null, S), new StateRef(Br, null, null, S)], []);
        var x = Param("x", 16);
        var vmMap = new VmMap("relocate", x, Block(Set(Lr, Bin(BinaryOp.Add, R(Lr), L(x)))), E, L(x), S);

        Model = new IsaModel("mini_pg", "mini pg", "<test>", [],
            [M, P, NP, Lr, Br, G], [E], [Translate, Privileged, fetch], [MemoryViolation, PrivilegedOperation],
            [Setr, Add, nop], new EncodingScheme(EncodingKind.Fixed, 32, fetch),
            Block(), Block(Set(NP, Bin(BinaryOp.Add, R(P), C(4, 16)))), Block(Set(P, R(NP))),
            Block(Trap(PrivilegedOperation)), roles, vmMap);
    }
}
