using System.Globalization;
using Virtualizability.Guests;

namespace Virtualizability.Bench;

/// <summary>
/// Issue 4's benchmark: the compute-bound bare-metal guest tests/guests/crc-bench (table-driven CRC32 over a 4 MiB
/// buffer, four passes), built here with the cross toolchain and run under qemu-system-mipsel (-M malta -cpu 24Kc
/// -kernel) for its wall time. Its console output must equal expected.txt, or the figures are not reported.
/// </summary>
public static class CrcGuestBenchmark
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <param name="WallTime">crc-bench from QEMU's start to its exit.</param>
    /// <param name="StartupWallTime">The same for arith-sort (0.6 million instructions): QEMU's start-up and exit.</param>
    public sealed record QemuFigures(TimeSpan WallTime, TimeSpan StartupWallTime)
    {
        /// <summary>crc-bench's wall time less QEMU's start-up: an estimate of its compute time.</summary>
        public TimeSpan ComputeTime => WallTime - StartupWallTime;
    }

    /// <summary>Builds crc-bench into <paramref name="directory"/>; returns the ELF path.</summary>
    public static string Build(string directory) => GuestProgram.CrcBench.Build(directory);

    public static QemuFigures RunOnQemu(string elf, string startupElf)
    {
        Qemu.RunElf(elf, Timeout); // warm-up: page cache, QEMU's own start-up files
        var run = Qemu.RunElf(elf, Timeout);
        RequireExpectedOutput("QEMU", run.Console);
        var startup = Qemu.RunElf(startupElf, Timeout);
        if (startup.Console != GuestProgram.ArithSort.ExpectedOutput)
            throw new InvalidOperationException($"arith-sort printed on QEMU:\n{startup.Console}");
        return new QemuFigures(run.WallTime, startup.WallTime);
    }

    public static void RequireExpectedOutput(string runner, string console)
    {
        var expected = GuestProgram.CrcBench.ExpectedOutput;
        if (console != expected)
            throw new InvalidOperationException($"crc-bench printed on {runner}:\n{console}\ninstead of:\n{expected}");
    }

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture) + " s";
}
