using System.Diagnostics;
using Virtualizability.Execution;
using Virtualizability.Machines;
using Virtualizability.Machines.Devices;
using Virtualizability.Machines.Elf;
using Virtualizability.Machines.Running;

namespace Virtualizability.Bench;

/// <summary>crc-bench on the project's Malta-compatible board, in this process: guest instructions per second on
/// one core and the process's peak resident memory (VmHWM) against the guest RAM it was given.</summary>
public static class CrcBoardRun
{
    /// <summary>pgcheck run's default RAM.</summary>
    public const long RamBytes = MaltaBoard.DefaultRamBytes;

    public sealed record BoardFigures(long Instructions, TimeSpan WallTime, long PeakResidentBytes)
    {
        public double InstructionsPerSecond => Instructions / WallTime.TotalSeconds;
    }

    public static BoardFigures Run(string elf)
    {
        var isa = Mips32Spec.Isa;
        var program = ElfReaderMips.Read(elf);

        // Warm-up on a board of its own: tiered JIT of the run loop, first-touch page faults of the host heap.
        RunOnce(isa, program, maxInstructions: 30_000_000);

        var (report, console) = RunOnce(isa, program, maxInstructions: 20_000_000_000);
        if (report.End != RunEnd.Reset)
            throw new InvalidOperationException($"crc-bench did not end through the reset register on the board: {report.End} {report.Problem}\n{console}");
        CrcGuestBenchmark.RequireExpectedOutput("the board", console);
        return new BoardFigures(report.Instructions, report.WallTime, PeakResidentBytes());
    }

    private static (RunReport Report, string Console) RunOnce(CompiledIsa isa, ElfProgram program, long maxInstructions)
    {
        using var console = new MemoryStream();
        var board = new MaltaBoard(isa, RamBytes, console, new StreamInput(Stream.Null));
        board.Load(program);
        var report = new BoardRunner(board).Run(maxInstructions);
        return (report, System.Text.Encoding.ASCII.GetString(console.ToArray()));
    }

    /// <summary>VmHWM from /proc/self/status (Linux), else the runtime's PeakWorkingSet64.</summary>
    private static long PeakResidentBytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }
}
