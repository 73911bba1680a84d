using Virtualizability.Isa.Ir;
using static Virtualizability.Execution.Tests.Building.Ir;

namespace Virtualizability.Execution.Tests.Building;

/// <summary>
/// isa-specs/pg-machine.isa, hand-translated to IR for the subset the tests need: the state, the PSW-swapping
/// trap entry, translate through R, fetch, the hooks, the roles, the vmmap, and
/// LI ADD ADDI LW SW LB SB BEQ BNE JMP SVC SETR HALT NOP. The spec's ADD and SETR patterns are 28 bits long;
/// here they are padded with zeros to the 32 bits of `encoding fixed 32`.
/// </summary>
internal sealed class PgMachineSubset
{
    public PgMachineSubset()
    {
        var b = new ModelBuilder("pg_machine");
        E = b.Memory("E", 16, 8, Endianness.Big);
        M = b.Register("M", 1);
        P = b.Register("P", 16);
        NP = b.Register("NP", 16);
        Lr = b.Register("L", 16);
        Br = b.Register("B", 16);
        G = b.File("G", 8, 16);

        var enterTrap = b.Function("enter_trap", [("code", 16), ("saved_p", 16), ("arg", 16)], null, p => Block(
            Store(E, C(0x0000, 16), 2, Zext(R(M), 16)),
            Store(E, C(0x0002, 16), 2, p[1]),
            Store(E, C(0x0004, 16), 2, R(Lr)),
            Store(E, C(0x0006, 16), 2, R(Br)),
            Store(E, C(0x0010, 16), 2, p[0]),
            Store(E, C(0x0012, 16), 2, p[2]),
            Set(M, Slice(Mem(E, C(0x0008, 16), 2), 0, 0)),
            Set(P, Mem(E, C(0x000A, 16), 2)),
            Set(Lr, Mem(E, C(0x000C, 16), 2)),
            Set(Br, Mem(E, C(0x000E, 16), 2))));

        MemoryViolation = b.Exception("MemoryViolation", [("addr", 16)], p => Block(CallS(enterTrap, C(1, 16), R(P), p[0])));
        PrivilegedOperation = b.Exception("PrivilegedOperation", [], _ => Block(CallS(enterTrap, C(2, 16), R(P), C(0, 16))));
        SupervisorCall = b.Exception("SupervisorCall", [("code", 16)], p => Block(CallS(enterTrap, C(3, 16), R(NP), p[0])));
        IllegalInstruction = b.Exception("IllegalInstruction", [], _ => Block(CallS(enterTrap, C(4, 16), R(P), C(0, 16))));

        var translate = b.Function("translate", [("a", 16), ("n", 17)], 16, p => Block(
            Require(ULe(Add(Zext(p[0], 17), p[1]), Zext(R(Br), 17)), MemoryViolation, p[0]),
            Return(Add(R(Lr), p[0]))));
        var privileged = b.Function("privileged", [], null, _ => Block(Require(Eq(R(M), C(0, 1)), PrivilegedOperation)));
        b.Fetch = b.Function("fetch", [], 32, _ => Block(Return(Mem(E, Call(translate, R(P), C(4, 17)), 4))));

        b.Reset = Block(Set(M, C(0, 1)), Set(P, C(0x0100, 16)), Set(Lr, C(0, 16)), Set(Br, C(0xFFFF, 16)));
        b.Prologue = Block(Set(NP, Add(R(P), C(4, 16))));
        b.Epilogue = Block(Set(P, R(NP)));
        b.Undefined = Block(Trap(IllegalInstruction));
        b.Supervisor = Eq(R(M), C(0, 1));
        b.EnterUser = Block(Set(M, C(1, 1)));
        b.EnterSupervisor = Block(Set(M, C(0, 1)));
        var offset = Var("x", 16, LocalKind.Parameter);
        b.VmMap = new VmMap("relocate", offset, Block(Set(Lr, Add(R(Lr), L(offset)))), E, L(offset), S);

        Expr Address(IReadOnlyDictionary<string, LocalExpr> f, int bytes) => Call(translate, Add(R(G, f["rb"]), f["imm"]), C((ulong)bytes, 17));
        Expr BranchTarget(IReadOnlyDictionary<string, LocalExpr> f) => Add(Add(R(P), C(4, 16)), f["off"]);

        LW = b.Instruction("LW", "000001 ra:3 rb:3 0000 imm:16", f => Block(Set(G, f["ra"], Mem(E, Address(f, 2), 2))));
        SW = b.Instruction("SW", "000010 ra:3 rb:3 0000 imm:16", f => Block(Store(E, Address(f, 2), 2, R(G, f["ra"]))));
        LB = b.Instruction("LB", "000011 ra:3 rb:3 0000 imm:16", f => Block(Set(G, f["ra"], Zext(Mem(E, Address(f, 1)), 16))));
        SB = b.Instruction("SB", "000100 ra:3 rb:3 0000 imm:16", f => Block(Store(E, Address(f, 1), 1, Slice(R(G, f["ra"]), 7, 0))));
        LI = b.Instruction("LI", "000101 ra:3 000 0000 imm:16", f => Block(Set(G, f["ra"], f["imm"])));
        ADD = b.Instruction("ADD", "010000 ra:3 rb:3 rc:3 00000000000000000", f => Block(Set(G, f["ra"], Add(R(G, f["rb"]), R(G, f["rc"])))));
        ADDI = b.Instruction("ADDI", "010111 ra:3 rb:3 0000 imm:16", f => Block(Set(G, f["ra"], Add(R(G, f["rb"]), f["imm"]))));
        BEQ = b.Instruction("BEQ", "100000 ra:3 rb:3 0000 off:16", f => Block(IfS(Eq(R(G, f["ra"]), R(G, f["rb"])), Block(Set(NP, BranchTarget(f))))));
        BNE = b.Instruction("BNE", "100001 ra:3 rb:3 0000 off:16", f => Block(IfS(Ne(R(G, f["ra"]), R(G, f["rb"])), Block(Set(NP, BranchTarget(f))))));
        JMP = b.Instruction("JMP", "100011 000 000 0000 target:16", f => Block(Set(NP, f["target"])));
        SVC = b.Instruction("SVC", "110000 000 000 0000 code:16", f => Block(Trap(SupervisorCall, f["code"])));
        SETR = b.Instruction("SETR", "110010 ra:3 rb:3 00000000000000000000", f => Block(CallS(privileged), Set(Lr, R(G, f["ra"])), Set(Br, R(G, f["rb"]))));
        HALT = b.Instruction("HALT", "111111 00000000000000000000000000", _ => Block(CallS(privileged), Halt()));
        NOP = b.Instruction("NOP", "000000 00000000000000000000000000", _ => Empty);

        Model = b.Build(P, E);
    }

    public IsaModel Model { get; }
    public MemoryDecl E { get; }
    public RegisterDecl M { get; }
    public RegisterDecl P { get; }
    public RegisterDecl NP { get; }
    public RegisterDecl Lr { get; }
    public RegisterDecl Br { get; }
    public RegisterDecl G { get; }
    public ExceptionDecl MemoryViolation { get; }
    public ExceptionDecl PrivilegedOperation { get; }
    public ExceptionDecl SupervisorCall { get; }
    public ExceptionDecl IllegalInstruction { get; }
    public InstructionDecl LW { get; }
    public InstructionDecl SW { get; }
    public InstructionDecl LB { get; }
    public InstructionDecl SB { get; }
    public InstructionDecl LI { get; }
    public InstructionDecl ADD { get; }
    public InstructionDecl ADDI { get; }
    public InstructionDecl BEQ { get; }
    public InstructionDecl BNE { get; }
    public InstructionDecl JMP { get; }
    public InstructionDecl SVC { get; }
    public InstructionDecl SETR { get; }
    public InstructionDecl HALT { get; }
    public InstructionDecl NOP { get; }

    // ---- an assembler for the subset ----
    public static uint Op(uint opcode, uint ra = 0, uint rb = 0, uint low = 0) => opcode << 26 | ra << 23 | rb << 20 | (low & 0xFFFF);
    public static uint Li(uint ra, uint imm) => Op(0b000101, ra, 0, imm);
    public static uint Add3(uint ra, uint rb, uint rc) => Op(0b010000, ra, rb) | rc << 17;
    public static uint Addi(uint ra, uint rb, uint imm) => Op(0b010111, ra, rb, imm);
    public static uint Lw(uint ra, uint rb, uint imm) => Op(0b000001, ra, rb, imm);
    public static uint Sw(uint ra, uint rb, uint imm) => Op(0b000010, ra, rb, imm);
    public static uint Lb(uint ra, uint rb, uint imm) => Op(0b000011, ra, rb, imm);
    public static uint Sb(uint ra, uint rb, uint imm) => Op(0b000100, ra, rb, imm);
    public static uint Beq(uint ra, uint rb, int off) => Op(0b100000, ra, rb, (uint)off);
    public static uint Bne(uint ra, uint rb, int off) => Op(0b100001, ra, rb, (uint)off);
    public static uint Jmp(uint target) => Op(0b100011, 0, 0, target);
    public static uint Svc(uint code) => Op(0b110000, 0, 0, code);
    public static uint Setr(uint ra, uint rb) => Op(0b110010, ra, rb);
    public const uint Halt = 0xFC00_0000;
    public const uint Nop = 0;

    /// <summary>Writes big-endian instruction words into E from <paramref name="address"/>.</summary>
    public static void Load(MachineState state, ulong address, params uint[] words)
    {
        var storage = state.Memory("E");
        for (var i = 0; i < words.Length; i++) storage.Write(address + (ulong)(4 * i), 4, words[i]);
    }
}
