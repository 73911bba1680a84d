using System.Diagnostics;

namespace Virtualizability.Guests;

/// <summary>
/// Finds and runs the host tools the guest programs need. A missing tool is an error naming the Debian packages
/// to install (scripts/setup installs them); nothing is skipped.
/// </summary>
public static class CrossTools
{
    public const string Packages = "gcc-mipsel-linux-gnu binutils-mipsel-linux-gnu qemu-system-mips";

    /// <summary>Full path of <paramref name="tool"/> on PATH, or an exception naming the packages to install.</summary>
    public static string Require(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (directory.Length == 0) continue;
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            $"'{tool}' is not on PATH. The guest programs need the mipsel cross toolchain and QEMU: apt-get install {Packages}");
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);

    /// <summary>Runs a process to completion, killing it after <paramref name="timeout"/>.</summary>
    /// <param name="input">written to its stdin, which is then closed (closed at once when null)</param>
    public static Result Run(string executable, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null,
        string? input = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException(
                $"{Path.GetFileName(executable)} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:F0} s; " +
                $"output so far:\n{stdout.Result}\n{stderr.Result}");
        }
        process.WaitForExit(); // drains the output readers
        clock.Stop();
        return new Result(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }

    /// <summary>Runs a process that must succeed; returns its stdout.</summary>
    public static string RunChecked(string executable, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var result = Run(executable, arguments, timeout);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(executable)} failed ({result.ExitCode}):\n{result.Stderr}{result.Stdout}");
        return result.Stdout;
    }
}
