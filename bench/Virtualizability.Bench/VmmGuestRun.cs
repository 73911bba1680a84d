using System.Diagnostics;
using System.Text;
using Virtualizability.Execution;
using Virtualizability.Guests;
using Virtualizability.Machines;
using Virtualizability.Machines.Devices;
using Virtualizability.Machines.Elf;
using Virtualizability.Machines.Running;
using Virtualizability.Vmm;
using Virtualizability.Vmm.Mips;

namespace Virtualizability.Bench;

/// <summary>
/// One guest program of tests/guests on the bare board (as `pgcheck run`) and under the trap-and-emulate VMM in one VM
/// (as `pgcheck run --vmm`), in this process, in interleaved rounds so that load from other processes falls on both
/// sides alike. Each side's figure is its best round, the one least disturbed by the rest of the machine, in wall time
/// and in this process's CPU time (which other processes on a shared machine disturb far less; it also counts the
/// runtime's own threads, JIT and GC, which the warm-up round keeps small).
/// </summary>
public static class VmmGuestRun
{
    private const long RamBytes = 32L << 20;
    private const long MaxInstructions = 2_000_000_000;

    public readonly record struct Times(TimeSpan Wall, TimeSpan Cpu)
    {
        public static Times Best(Times a, Times b) => new(a.Wall < b.Wall ? a.Wall : b.Wall, a.Cpu < b.Cpu ? a.Cpu : b.Cpu);

        public static Times Measure(Action run)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            run();
            return new Times(wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        }
    }

    public sealed record Figures(string Guest, long Instructions, Times Bare, Times UnderVmm, VmmStatistics Statistics)
    {
        public double WallRatio => UnderVmm.Wall / Bare.Wall;

        public double CpuRatio => UnderVmm.Cpu / Bare.Cpu;
    }

    public static Figures Measure(GuestProgram guest, string elf, int rounds)
    {
        var program = ElfReaderMips.Read(elf);
        // Warm-up (tiered JIT of both run loops, the dispatcher and the interpreter), checking both print what QEMU prints.
        var (_, instructions) = Bare(guest, program);
        var (_, statistics) = UnderVmm(guest, program);
        if (statistics.GuestInstructions != instructions)
            throw new InvalidOperationException($"{guest.Name}: {instructions} instructions bare but {statistics.GuestInstructions} under the VMM");
        var bare = new Times(TimeSpan.MaxValue, TimeSpan.MaxValue);
        var vmm = bare;
        // Alternating which side goes first, so that neither always inherits the other's garbage and cache state.
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 1) bare = Times.Best(bare, Bare(guest, program).Times);
            var (times, roundStatistics) = UnderVmm(guest, program);
            if (times.Cpu < vmm.Cpu) statistics = roundStatistics;
            vmm = Times.Best(vmm, times);
            if (round % 2 == 0) bare = Times.Best(bare, Bare(guest, program).Times);
        }
        return new Figures(guest.Name, instructions, bare, vmm, statistics);
    }

    // Only the run is timed: building the board or the VMM (and their RAM) is outside.
    private static (Times Times, long Instructions) Bare(GuestProgram guest, ElfProgram program)
    {
        using var console = new MemoryStream();
        var board = new MaltaBoard(Mips32Spec.Isa, RamBytes, console, NoInput.Instance);
        board.Load(program);
        RunReport? report = null;
        var times = Times.Measure(() => report = new BoardRunner(board).Run(MaxInstructions));
        if (report!.End != RunEnd.Reset) throw new InvalidOperationException($"{guest.Name} did not end through the reset register on the board: {report.End} {report.Problem}");
        RequireExpectedOutput(guest, "the board", console);
        return (times, report.Instructions);
    }

    private static (Times Times, VmmStatistics Statistics) UnderVmm(GuestProgram guest, ElfProgram program)
    {
        using var console = new MemoryStream();
        var system = new MaltaVmm(Mips32Spec.Isa, 1, RamBytes);
        var vm = system.Boot(program, console, NoInput.Instance);
        VmmStatistics? statistics = null;
        var times = Times.Measure(() => statistics = system.Monitor.Run(MaxInstructions, MaltaVmm.DefaultTimeSlice));
        vm.Uart.Flush();
        if (!vm.Vm.IsStopped) throw new InvalidOperationException($"{guest.Name} did not end through the reset register under the VMM: {vm.Vm.Error}");
        RequireExpectedOutput(guest, "the VMM", console);
        return (times, statistics!);
    }

    private static void RequireExpectedOutput(GuestProgram guest, string where, MemoryStream console)
    {
        var output = Encoding.ASCII.GetString(console.ToArray());
        if (output != guest.ExpectedOutput)
            throw new InvalidOperationException($"{guest.Name} printed on {where}:\n{output}\nbut QEMU prints:\n{guest.ExpectedOutput}");
    }
}
