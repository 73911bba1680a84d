using System.Diagnostics;

namespace Virtualizability.Machines.Tests;

/// <summary>
/// The mipsel cross toolchain and QEMU, run as processes. A missing tool fails the test (never skips it) with
/// the apt packages to install, because CI installs them.
/// </summary>
public static class Toolchain
{
    public const string Packages = "gcc-mipsel-linux-gnu binutils-mipsel-linux-gnu qemu-system-mips";

    // Debian's mipsel binutils add a SYNC before every LL (a Loongson 3 workaround); off, so words are as written.
    public const string AssemblerFlags = "-march=mips32r2 -EL -mno-fix-loongson3-llsc";

    public const string CFlags =
        "-march=mips32r2 -EL -msoft-float -ffreestanding -nostdlib -fno-pic -mno-abicalls -G0 -O2 -static -no-pie";

    public static string Require(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"'{tool}' is not on PATH; install the packages: apt-get install {Packages}");
    }

    /// <summary>Assembles one of tests/mips32-programs (its includes resolve from that directory) and links it at 0x80100000.</summary>
    public static string AssembleProgram(string programsDirectory, string name, string outputDirectory)
    {
        var obj = Path.Combine(outputDirectory, name + ".o");
        var elf = Path.Combine(outputDirectory, name + ".elf");
        Run(Require("mipsel-linux-gnu-as"), $"{AssemblerFlags} -I {programsDirectory} -o {obj} {Path.Combine(programsDirectory, name + ".S")}");
        Run(Require("mipsel-linux-gnu-ld"), $"-EL -static -Ttext=0x80100000 -e _start -o {elf} {obj}");
        return elf;
    }

    /// <summary>Compiles a bare-metal C program of GuestPrograms/ linked at 0x80100000 (its _start in .text.start first).</summary>
    public static string CompileGuest(string sourceName, string outputDirectory)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "GuestPrograms", sourceName);
        var elf = Path.Combine(outputDirectory, Path.ChangeExtension(sourceName, ".elf"));
        Run(Require("mipsel-linux-gnu-gcc"), $"{CFlags} -Wl,-Ttext=0x80100000 -Wl,-e,_start -o {elf} {source}");
        return elf;
    }

    /// <summary>The console output of <paramref name="elf"/> on QEMU's Malta with a 24Kc, which ends through the reset register (-no-reboot).</summary>
    /// <param name="input">bytes for the guest's console (QEMU's stdin), or none</param>
    public static string RunOnQemu(string elf, string memory = "256", string? input = null)
    {
        var output = Run(Require("qemu-system-mipsel"), $"-M malta -cpu 24Kc -m {memory} -nographic -no-reboot -kernel {elf}", TimeSpan.FromSeconds(60), input);
        return output.Replace("\r\n", "\n");
    }

    public static string Run(string executable, string arguments, TimeSpan? timeout = null, string? input = null)
    {
        var start = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} {arguments} did not finish in time");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(executable)} {arguments} failed ({process.ExitCode}):\n{stderr.Result}");
        return stdout.Result;
    }
}
