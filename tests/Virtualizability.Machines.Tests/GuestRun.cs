using System.Text;
using Virtualizability.Execution;
using Virtualizability.Isa;
using Virtualizability.Machines.Devices;
using Virtualizability.Machines.Elf;
using Virtualizability.Machines.Running;

namespace Virtualizability.Machines.Tests;

/// <summary>Runs an ELF on a Malta board built around isa-specs/mips32.isa, with the console captured.</summary>
public sealed class GuestRun
{
    // Compiling the spec takes a while; every test shares one compiled ISA (each board has its own state).
    private static readonly Lazy<CompiledIsa> Mips32 = new(() =>
    {
        var result = IsaFrontEnd.LoadFile(Repository.Mips32Spec);
        if (!result.Succeeded) throw new InvalidOperationException("mips32.isa does not load:\n" + string.Join("\n", result.Diagnostics));
        return CompiledIsa.Compile(result.Model!);
    });

    public static CompiledIsa Isa => Mips32.Value;

    private GuestRun(MaltaBoard board, MemoryStream console, RunReport report)
    {
        Board = board;
        Report = report;
        Console = Encoding.ASCII.GetString(console.ToArray());
    }

    public MaltaBoard Board { get; }
    public RunReport Report { get; }
    public string Console { get; }

    public static MaltaBoard NewBoard(MemoryStream console, IByteInput? input = null, long ramBytes = MaltaBoard.DefaultRamBytes) =>
        new(Isa, ramBytes, console, input ?? NoInput.Instance);

    public static GuestRun Elf(string elfPath, long maxInstructions = 50_000_000, IByteInput? input = null, TextWriter? trace = null,
        long ramBytes = MaltaBoard.DefaultRamBytes)
    {
        var console = new MemoryStream();
        var board = NewBoard(console, input, ramBytes);
        board.Load(ElfReaderMips.Read(elfPath));
        var report = new BoardRunner(board).Run(maxInstructions, trace);
        return new GuestRun(board, console, report);
    }

    /// <summary>Fails unless the guest ended through the reset register.</summary>
    public GuestRun EndedByReset()
    {
        if (Report.End != RunEnd.Reset)
            throw new Xunit.Sdk.XunitException($"the run ended with {Report.End} ({Report.Problem}) after {Report.Instructions} instructions; console:\n{Console}");
        return this;
    }
}
