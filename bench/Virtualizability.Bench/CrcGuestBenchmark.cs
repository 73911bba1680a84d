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

    public sealed record QemuFigures(TimeSpan WallTime);

    /// <summary>Builds crc-bench into <paramref name="directory"/>; returns the ELF path.</summary>
    public static string Build(string directory) => GuestProgram.CrcBench.Build(directory);

    public static QemuFigures RunOnQemu(string elf)
    {
        Qemu.RunElf(elf, Timeout); // warm-up: page cache, QEMU's own start-up files
        var run = Qemu.RunElf(elf, Timeout);
        RequireExpectedOutput("QEMU", run.Console);
        return new QemuFigures(run.WallTime);
    }

    public static void RequireExpectedOutput(string runner, string console)
    {
        var expected = GuestProgram.CrcBench.ExpectedOutput;
        if (console != expected)
            throw new InvalidOperationException($"crc-bench printed on {runner}:\n{console}\ninstead of:\n{expected}");
    }

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture) + " s";
}
