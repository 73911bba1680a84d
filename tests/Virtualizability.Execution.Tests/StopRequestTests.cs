using Virtualizability.Execution.Tests.Building;
using Virtualizability.Isa.Ir;
using Xunit;
using static Virtualizability.Execution.Tests.Building.Ir;

namespace Virtualizability.Execution.Tests;

/// <summary>
/// A device on the bus ends a run through Machine.RequestStop (a board's reset register); the fetch probe shows
/// the next instruction word without stepping.
/// </summary>
public class StopRequestTests
{
    // 8-bit words: "1xxx xxxx" stores X to address 0x80 (beyond the 16-byte backing array, so on the bus),
    // anything else increments X. PC advances by one per step.
    private sealed class Counter : IMemoryBus
    {
        public Counter()
        {
            var b = new ModelBuilder("stopper") { EncodingWidth = 8 };
            var mem = b.Memory("Mem", 8, 8, Endianness.Little);
            var pc = b.Register("PC", 8);
            X = b.Register("X", 8);
            b.Fetch = b.Function("fetch", [], 8, _ => Block(Return(Ir.Mem(mem, Ir.R(pc)))));
            b.Epilogue = Block(Set(pc, Add(Ir.R(pc), C(1, 8))));
            b.Instruction("STORE", "1xxx xxxx", _ => Block(Store(mem, C(0x80, 8), 1, Ir.R(X))));
            b.Instruction("INC", "0xxx xxxx", _ => Block(Set(X, Add(Ir.R(X), C(1, 8)))));
            var options = new MachineOptions { MemoryCells = new Dictionary<string, long> { ["Mem"] = 16 }, Bus = this };
            Machine = new Machine(CompiledIsa.Compile(b.Build(pc, mem)), options);
        }

        public Machine Machine { get; }
        public RegisterDecl X { get; }
        public List<ulong> Stored { get; } = [];

        public ulong Read(int memoryIndex, ulong address, int cells) => 0;

        public void Write(int memoryIndex, ulong address, int cells, ulong value)
        {
            Stored.Add(value);
            Machine.RequestStop();
        }
    }

    [Fact]
    public void A_stop_requested_by_a_device_ends_the_run_after_the_storing_step()
    {
        var counter = new Counter();
        byte[] program = [0x01, 0x01, 0x01, 0x80, 0x01, 0x01];
        program.CopyTo(counter.Machine.State.Memory("Mem").Bytes);

        var result = counter.Machine.Run(100);

        Assert.Equal(RunStopReason.StopRequested, result.Reason);
        Assert.Equal(4, result.Steps);
        Assert.Equal([3UL], counter.Stored);
        Assert.Equal(4UL, counter.Machine.State.GetRegister("PC"));
        // The request is consumed: the next run goes on from the following instruction.
        var rest = counter.Machine.Run(2);
        Assert.Equal(RunStopReason.StepLimit, rest.Reason);
        Assert.Equal(5UL, counter.Machine.State.GetRegister("X"));
    }

    [Fact]
    public void Peeking_the_fetch_returns_the_next_word_and_changes_nothing()
    {
        var counter = new Counter();
        byte[] program = [0x01, 0x80];
        program.CopyTo(counter.Machine.State.Memory("Mem").Bytes);
        counter.Machine.Step();
        var before = counter.Machine.State.Clone();

        Assert.Equal(0x80UL, counter.Machine.PeekFetch());
        Assert.True(before.ContentEquals(counter.Machine.State));
    }
}
