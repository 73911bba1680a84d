using Virtualizability.Execution.Tests.Building;
using Virtualizability.Isa.Ir;
using Xunit;
using static Virtualizability.Execution.Tests.Building.Ir;

namespace Virtualizability.Execution.Tests;

/// <summary>
/// An 8-bit toy ISA that isolates one language rule per instruction: hardwired entries, out-of-range file
/// indices, trap as a value, halt, and most-specific decoding.
/// </summary>
public class TinyMachineTests
{
    private sealed class Tiny
    {
        public Tiny()
        {
            var b = new ModelBuilder("tiny") { EncodingWidth = 8 };
            Mem = b.Memory("Mem", 8, 8, Endianness.Little);
            Pc = b.Register("PC", 8);
            X = b.Register("X", 8);
            Y = b.Register("Y", 8);
            Last = b.Register("LAST", 8);
            R = b.File("R", 4, 8, new HardwiredEntry(0, 0x5A));
            Boom = b.Exception("Boom", [("v", 8)], p => Block(Set(Y, p[0])));
            b.Fetch = b.Function("fetch", [], 8, _ => Block(Return(Ir.Mem(Mem, Ir.R(Pc)))));
            b.Epilogue = Block(Set(Pc, Add(Ir.R(Pc), C(1, 8))), Set(Last, C(0xEE, 8)));
            b.Undefined = Block(Set(X, C(0xFF, 8)));
            Specific = b.Instruction("SPECIFIC", "0000 0000", _ => Block(Set(X, C(1, 8))));
            General = b.Instruction("GENERAL", "0000 xxxx", _ => Block(Set(X, C(2, 8))));
            b.Instruction("SETR", "01 i:2 v:4", f => Block(Set(R, f["i"], Zext(f["v"], 8))));
            b.Instruction("READ", "1100 xxxx", _ => Block(Set(X, Ir.R(R, Ir.R(Y)))));
            b.Instruction("WRITE", "1101 xxxx", _ => Block(Set(R, Ir.R(Y), C(0x55, 8))));
            b.Instruction("BOOM", "1110 xxxx", _ => Block(Set(X, C(9, 8)), Trap(Boom, Ir.R(X)), Set(X, C(10, 8))));
            b.Instruction("HALT", "1111 1111", _ => Block(Halt()));
            Model = b.Build(Pc, Mem);
            Machine = new Machine(CompiledIsa.Compile(Model));
        }

        public IsaModel Model { get; }
        public Machine Machine { get; }
        public MemoryDecl Mem { get; }
        public RegisterDecl Pc { get; }
        public RegisterDecl X { get; }
        public RegisterDecl Y { get; }
        public RegisterDecl Last { get; }
        public RegisterDecl R { get; }
        public ExceptionDecl Boom { get; }
        public InstructionDecl Specific { get; }
        public InstructionDecl General { get; }

        public StepResult Run(params byte[] program)
        {
            // Registers set by a test stay: only PC is reset (and a halt cleared), so rules can be set up first.
            program.CopyTo(Machine.State.Memory("Mem").Bytes);
            Machine.State.SetRegister("PC", 0);
            Machine.Resume();
            StepResult last = default;
            for (var i = 0; i < program.Length; i++) last = Machine.Step();
            return last;
        }
    }

    [Fact]
    public void The_most_specific_pattern_wins_and_unmatched_words_are_undefined()
    {
        var tiny = new Tiny();
        var specific = tiny.Run(0x00);
        Assert.Equal(tiny.Specific, specific.Instruction);
        Assert.Equal(1UL, tiny.Machine.State.GetRegister("X"));

        var general = tiny.Run(0x07);
        Assert.Equal(tiny.General, general.Instruction);
        Assert.Equal(2UL, tiny.Machine.State.GetRegister("X"));

        var undefined = tiny.Run(0x80);
        Assert.Null(undefined.Instruction);
        Assert.Equal(StepStatus.Completed, undefined.Status);
        Assert.Equal(0xFFUL, tiny.Machine.State.GetRegister("X"));
        Assert.Equal(tiny.Specific, tiny.Machine.Decode(0x00));
        Assert.Equal(tiny.General, tiny.Machine.Decode(0x0F));
        Assert.Null(tiny.Machine.Decode(0x80));
    }

    [Fact]
    public void Hardwired_entry_reads_its_constant_and_ignores_writes()
    {
        var tiny = new Tiny();
        tiny.Run(0b01_00_0111, 0b01_01_0011);   // R[0] := 7 (ignored), R[1] := 3
        Assert.Equal(0x5AUL, tiny.Machine.State.GetRegister("R", 0));
        Assert.Equal(3UL, tiny.Machine.State.GetRegister("R", 1));

        tiny.Machine.State.SetRegister("Y", 0);
        tiny.Run(0xC0);                          // X := R[Y] with Y = 0
        Assert.Equal(0x5AUL, tiny.Machine.State.GetRegister("X"));
        tiny.Run(0xD0);                          // R[Y] := 0x55 with Y = 0
        Assert.Equal(0x5AUL, tiny.Machine.State.GetRegister("R", 0));
    }

    [Fact]
    public void Out_of_range_file_index_reads_zero_and_ignores_writes()
    {
        var tiny = new Tiny();
        tiny.Machine.State.SetRegister("Y", 200);
        var before = tiny.Machine.State.Registers.ToArray();
        tiny.Run(0xD0);                          // R[200] := 0x55
        var after = tiny.Machine.State.Registers;
        Assert.Equal(before.Where((_, i) => i != tiny.Pc.Slot && i != tiny.Last.Slot), after.Where((_, i) => i != tiny.Pc.Slot && i != tiny.Last.Slot));

        tiny.Machine.State.SetRegister("X", 0x33);
        tiny.Machine.State.SetRegister("Y", 4);
        tiny.Run(0xC0);                          // X := R[4]
        Assert.Equal(0UL, tiny.Machine.State.GetRegister("X"));
    }

    [Fact]
    public void A_trap_keeps_earlier_writes_skips_the_rest_and_the_epilogue_and_delivery_runs_the_entry()
    {
        var tiny = new Tiny();
        var result = tiny.Run(0xE0);

        Assert.Equal(StepStatus.Trapped, result.Status);
        Assert.Equal(tiny.Boom, result.Trap!.Exception);
        Assert.Equal([9UL], result.Trap.Arguments.ToArray());
        Assert.Equal(9UL, tiny.Machine.State.GetRegister("X"));       // written before the trap
        Assert.Equal(0UL, tiny.Machine.State.GetRegister("PC"));      // epilogue skipped
        Assert.Equal(0UL, tiny.Machine.State.GetRegister("LAST"));
        Assert.Equal(0UL, tiny.Machine.State.GetRegister("Y"));       // entry not yet run

        Assert.Null(tiny.Machine.Deliver(result.Trap));
        Assert.Equal(9UL, tiny.Machine.State.GetRegister("Y"));
    }

    [Fact]
    public void Halt_stops_the_machine_until_reset()
    {
        var tiny = new Tiny();
        var result = tiny.Run(0xFF);
        Assert.Equal(StepStatus.Halted, result.Status);
        Assert.True(tiny.Machine.IsHalted);
        Assert.Equal(0UL, tiny.Machine.State.GetRegister("PC"));
        Assert.Equal(StepStatus.Halted, tiny.Machine.Step().Status);
        Assert.Equal(RunStopReason.Halted, tiny.Machine.Run(10).Reason);
        tiny.Machine.Reset();
        Assert.False(tiny.Machine.IsHalted);
        tiny.Machine.State.Memory("Mem").Write8(0, 0x00);
        Assert.Equal(StepStatus.Completed, tiny.Machine.Step().Status);
    }

    [Fact]
    public void A_fixed_pattern_of_the_wrong_length_is_rejected()
    {
        var b = new ModelBuilder("short") { EncodingWidth = 8 };
        var mem = b.Memory("Mem", 8, 8, Endianness.Little);
        var pc = b.Register("PC", 8);
        b.Fetch = b.Function("fetch", [], 8, _ => Block(Return(C(0, 8))));
        b.Instruction("SHORT", "0000 xxx", _ => Empty);
        var error = Assert.Throws<ArgumentException>(() => CompiledIsa.Compile(b.Build(pc, mem)));
        Assert.Contains("SHORT (7 bits)", error.Message);
    }
}
