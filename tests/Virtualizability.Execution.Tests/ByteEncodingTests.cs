using Virtualizability.Execution.Tests.Building;
using Virtualizability.Isa.Ir;
using Xunit;
using static Virtualizability.Execution.Tests.Building.Ir;

namespace Virtualizability.Execution.Tests;

/// <summary>A variable-length byte ISA: 1-, 2- and 3-byte instructions, a little-endian immediate, and a fetch that faults at 0x8000.</summary>
public class ByteEncodingTests
{
    private sealed class Bytes
    {
        public Bytes()
        {
            var b = new ModelBuilder("bytes") { EncodingKind = EncodingKind.Bytes, EncodingWidth = 8 };
            var mem = b.Memory("Mem", 16, 8, Endianness.Little);
            var pc = b.Register("PC", 16);
            var a = b.Register("A", 8);
            var wide = b.Register("W", 16);
            FetchFault = b.Exception("FetchFault", [("addr", 16)], _ => Empty);
            b.Fetch = b.Function("fetch", [("i", 32)], 8, p =>
            {
                var address = Add(R(pc), Slice(p[0], 15, 0));
                return Block(
                    IfS(Bin(BinaryOp.UGe, address, C(0x8000, 16)), Block(Trap(FetchFault, address))),
                    Return(Mem(mem, address)));
            });
            Expr Advance(int n) => Add(R(pc), C((ulong)n, 16));
            LoadA = b.Instruction("LOADA", "00000001 imm:8", f => Block(Set(a, f["imm"]), Set(pc, Advance(2))));
            LoadMarker = b.Instruction("MARKER", "00000001 11111111", _ => Block(Set(a, C(0xEE, 8)), Set(pc, Advance(2))));
            LoadWide = b.Instruction("LOADW", "00000010 imm:16le", f => Block(Set(wide, f["imm"]), Set(pc, Advance(3))));
            Stop = b.Instruction("STOP", "00000011", _ => Block(Halt()));
            Model = b.Build(pc, mem);
            Machine = new Machine(CompiledIsa.Compile(Model));
        }

        public IsaModel Model { get; }
        public Machine Machine { get; }
        public ExceptionDecl FetchFault { get; }
        public InstructionDecl LoadA { get; }
        public InstructionDecl LoadMarker { get; }
        public InstructionDecl LoadWide { get; }
        public InstructionDecl Stop { get; }

        public void Load(ulong address, params byte[] program) => program.CopyTo(Machine.State.Memory("Mem").Bytes[(int)address..]);
    }

    [Fact]
    public void Variable_length_program_runs_with_the_most_specific_match_and_little_endian_fields()
    {
        var isa = new Bytes();
        isa.Load(0, 0x01, 0x05, 0x01, 0xFF, 0x02, 0x34, 0x12, 0x03);

        var first = isa.Machine.Step();
        Assert.Equal(isa.LoadA, first.Instruction);
        Assert.Equal(5UL, isa.Machine.State.GetRegister("A"));
        var second = isa.Machine.Step();
        Assert.Equal(isa.LoadMarker, second.Instruction);
        Assert.Equal(0xEEUL, isa.Machine.State.GetRegister("A"));

        var rest = isa.Machine.Run(10);
        Assert.Equal(RunStopReason.Halted, rest.Reason);
        Assert.Equal(2, rest.Steps);
        Assert.Equal(0x1234UL, isa.Machine.State.GetRegister("W"));
        Assert.Equal(7UL, isa.Machine.State.GetRegister("PC"));
    }

    [Fact]
    public void Decoding_bytes_gives_the_instruction_and_its_word()
    {
        var isa = new Bytes();
        var decoded = isa.Machine.Isa.DecodeBytes([0x02, 0x34, 0x12, 0x99]);
        Assert.Equal(isa.LoadWide, decoded!.Value.Instruction);
        Assert.Equal((UInt128)0x023412, decoded.Value.Word);
        Assert.Null(isa.Machine.Isa.DecodeBytes([0x07]));
        Assert.Null(isa.Machine.Isa.DecodeBytes([0x01]));   // needs a second byte

        isa.Machine.ExecuteBody(isa.LoadWide, decoded.Value.Word);
        Assert.Equal(0x1234UL, isa.Machine.State.GetRegister("W"));
    }

    [Fact]
    public void Bytes_are_fetched_only_as_far_as_a_pattern_needs_them()
    {
        var isa = new Bytes();
        isa.Load(0x7FFF, 0x03);              // one-byte STOP just below the faulting page
        isa.Machine.State.SetRegister("PC", 0x7FFF);
        Assert.Equal(StepStatus.Halted, isa.Machine.Step().Status);

        var faulting = new Bytes();
        faulting.Load(0x7FFF, 0x01);          // LOADA needs byte 0x8000
        faulting.Machine.State.SetRegister("PC", 0x7FFF);
        var result = faulting.Machine.Step();
        Assert.Equal(StepStatus.Trapped, result.Status);
        Assert.Null(result.Instruction);
        Assert.Equal(faulting.FetchFault, result.Trap!.Exception);
        Assert.Equal([0x8000UL], result.Trap.Arguments.ToArray());
    }
}
