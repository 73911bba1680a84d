using System.Diagnostics;

namespace Virtualizability.Mips.Reference.Tests;

/// <summary>
/// Runs the mipsel cross toolchain. Tests that need it fail (never skip) with an explicit message when a tool
/// is missing, because CI installs it (gcc-mipsel-linux-gnu, binutils-mipsel-linux-gnu, qemu-system-mips).
/// </summary>
public static class CrossToolchain
{
    /// <summary>Debian's mipsel binutils insert a SYNC before every LL by default (a Loongson 3 erratum
    /// workaround); turned off so that the assembled words are exactly the instructions written.</summary>
    public const string AssemblerFlags = "-march=mips32r2 -EL -mno-fix-loongson3-llsc";

    /// <summary>Full path of <paramref name="tool"/> on PATH, or an exception naming the package to install.</summary>
    public static string Require(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            $"'{tool}' is not on PATH. These tests need the mipsel cross toolchain and QEMU: " +
            "apt-get install gcc-mipsel-linux-gnu binutils-mipsel-linux-gnu qemu-system-mips");
    }

    public static string NewWorkDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mipsref-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Assembles <paramref name="source"/> and links it with .text at <paramref name="textAddress"/>; returns the ELF path.</summary>
    public static string AssembleAndLink(string source, uint textAddress, string entrySymbol, string directory)
    {
        var sourcePath = Path.Combine(directory, "prog.s");
        var objectPath = Path.Combine(directory, "prog.o");
        var elfPath = Path.Combine(directory, "prog.elf");
        File.WriteAllText(sourcePath, source);
        Run(Require("mipsel-linux-gnu-as"), $"{AssemblerFlags} -o {objectPath} {sourcePath}");
        Run(Require("mipsel-linux-gnu-ld"), $"-EL -static -Ttext=0x{textAddress:x8} -e {entrySymbol} -o {elfPath} {objectPath}");
        return elfPath;
    }

    /// <summary>Assembles and links, then extracts the raw .text bytes with objcopy -O binary.</summary>
    public static byte[] AssembleToBinary(string source, uint textAddress, string directory)
    {
        var elfPath = AssembleAndLink(source, textAddress, "0", directory);
        var binaryPath = Path.Combine(directory, "prog.bin");
        Run(Require("mipsel-linux-gnu-objcopy"), $"-O binary -j .text {elfPath} {binaryPath}");
        return File.ReadAllBytes(binaryPath);
    }

    /// <summary>Runs a process, returning stdout; throws with its stderr when it fails or exceeds <paramref name="timeout"/>.</summary>
    public static string Run(string executable, string arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} {arguments} did not finish; output so far: {stdout.Result}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(executable)} {arguments} failed ({process.ExitCode}):\n{stderr.Result}");
        return stdout.Result;
    }
}
