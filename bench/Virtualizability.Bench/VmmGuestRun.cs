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
/// sides alike. The time of each side is its best round: the one least disturbed by the rest of the machine.
/// </summary>
public static class VmmGuestRun
{
    private const long RamBytes = 32L << 20;
    private const long MaxInstructions = 2_000_000_000;

    public sealed record Figures(string Guest, long Instructions, TimeSpan Bare, TimeSpan UnderVmm, VmmStatistics Statistics)
    {
        public double Ratio => UnderVmm / Bare;
    }

    public static Figures Measure(GuestProgram guest, string elf, int rounds)
    {
        var program = ElfReaderMips.Read(elf);
        // Warm-up (tiered JIT of both run loops, the dispatcher and the interpreter), checking both print what QEMU prints.
        var (_, instructions) = Bare(guest, program);
        var (_, statistics) = UnderVmm(guest, program);
        if (statistics.GuestInstructions != instructions)
            throw new InvalidOperationException($"{guest.Name}: {instructions} instructions bare but {statistics.GuestInstructions} under the VMM");
        var bare = TimeSpan.MaxValue;
        var vmm = TimeSpan.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var (bareTime, _) = Bare(guest, program);
            var (vmmTime, vmmStatistics) = UnderVmm(guest, program);
            if (bareTime < bare) bare = bareTime;
            if (vmmTime < vmm) (vmm, statistics) = (vmmTime, vmmStatistics);
        }
        return new Figures(guest.Name, instructions, bare, vmm, statistics);
    }

    private static (TimeSpan Time, long Instructions) Bare(GuestProgram guest, ElfProgram program)
    {
        using var console = new MemoryStream();
        var board = new MaltaBoard(Mips32Spec.Isa, RamBytes, console, NoInput.Instance);
        board.Load(program);
        var report = new BoardRunner(board).Run(MaxInstructions);
        if (report.End != RunEnd.Reset) throw new InvalidOperationException($"{guest.Name} did not end through the reset register on the board: {report.End} {report.Problem}");
        RequireExpectedOutput(guest, "the board", console);
        return (report.WallTime, report.Instructions);
    }

    private static (TimeSpan Time, VmmStatistics Statistics) UnderVmm(GuestProgram guest, ElfProgram program)
    {
        using var console = new MemoryStream();
        var system = new MaltaVmm(Mips32Spec.Isa, 1, RamBytes);
        var vm = system.Boot(program, console, NoInput.Instance);
        var watch = Stopwatch.StartNew();
        var statistics = system.Monitor.Run(MaxInstructions, MaltaVmm.DefaultTimeSlice);
        watch.Stop();
        vm.Uart.Flush();
        if (!vm.Vm.IsStopped) throw new InvalidOperationException($"{guest.Name} did not end through the reset register under the VMM: {vm.Vm.Error}");
        RequireExpectedOutput(guest, "the VMM", console);
        return (watch.Elapsed, statistics);
    }

    private static void RequireExpectedOutput(GuestProgram guest, string where, MemoryStream console)
    {
        var output = Encoding.ASCII.GetString(console.ToArray());
        if (output != guest.ExpectedOutput)
            throw new InvalidOperationException($"{guest.Name} printed on {where}:\n{output}\nbut QEMU prints:\n{guest.ExpectedOutput}");
    }
}
