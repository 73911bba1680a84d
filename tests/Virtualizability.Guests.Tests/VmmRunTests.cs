using System.Globalization;
using System.Text.RegularExpressions;
using Virtualizability.Guests;

namespace Virtualizability.Guests.Tests;

/// <summary>
/// The guest programs, built here, print through `pgcheck run --vmm` exactly what they print on the bare board, and
/// with `--vms 3` each VM's lines (prefix removed) are that output; `--stats` reports the run.
/// </summary>
public partial class VmmRunTests
{
    // kernel-user's page table sits at physical 16 MiB.
    private static readonly string[] Memory = ["--memory", "32M", "--max-instructions", "200000000"];

    public static TheoryData<string> Programs => new("arith-sort", "exceptions", "kernel-user", "user-compute");

    [Theory]
    [MemberData(nameof(Programs))]
    public void The_vmm_prints_what_the_bare_board_prints(string name)
    {
        using var directory = new TempDirectory();
        var elf = GuestProgram.Named(name).Build(directory.Path);
        var bare = Run(["run", elf, .. Memory]);
        Assert.Equal(GuestProgram.Named(name).ExpectedOutput, bare);
        Assert.Equal(bare, Run(["run", elf, .. Memory, "--vmm"]));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Three_vms_each_print_what_the_bare_board_prints(string name)
    {
        using var directory = new TempDirectory();
        var elf = GuestProgram.Named(name).Build(directory.Path);
        var bare = Run(["run", elf, .. Memory]);
        var lines = Run(["run", elf, .. Memory, "--vmm", "--vms", "3"]).Split('\n');
        for (var vm = 0; vm < 3; vm++)
        {
            var prefix = $"[vm{vm}] ";
            var own = lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..] + "\n");
            Assert.Equal(bare, string.Concat(own));
        }
        Assert.All(lines.Where(l => l.Length > 0), l => Assert.Matches(VmPrefix(), l));
    }

    [Fact]
    public void Stats_show_the_user_task_running_directly_and_the_kernel_emulated()
    {
        using var directory = new TempDirectory();
        var elf = GuestProgram.KernelUser.Build(directory.Path);
        var run = Pgcheck.Run(["run", elf, .. Memory, "--vmm", "--stats"], TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var direct = double.Parse(DirectPercent().Match(run.Stderr).Groups[1].Value, CultureInfo.InvariantCulture);
        // The user task's loops run on the real machine; its kuseg pages come from shadow refills (retries).
        Assert.InRange(direct, 10.0, 100.0);
        Assert.Matches(@"allocator resolutions:\n(  \w+: \d+\n)*  Retry: [1-9]", run.Stderr);
        Assert.Contains("emulated instructions:\n", run.Stderr);
        Assert.Matches(@"  ERET: [1-9]", run.Stderr);
        Assert.Matches(@"time: [\d.]+ s, in the VMM [\d.]+ s", run.Stderr);
    }

    [Fact]
    public void Stats_show_the_compute_bound_user_task_running_at_least_999_per_mille_directly()
    {
        using var directory = new TempDirectory();
        var elf = GuestProgram.UserCompute.Build(directory.Path);
        var run = Pgcheck.Run(["run", elf, .. Memory, "--vmm", "--stats"], TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(GuestProgram.UserCompute.ExpectedOutput, run.Stdout);
        // Only the kernel's set-up, its system calls and the wired pairs' shadow refills leave the real machine.
        var direct = double.Parse(DirectPercent().Match(run.Stderr).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(direct, 99.9, 100.0);
    }

    private static string Run(string[] arguments)
    {
        var run = Pgcheck.Run(arguments, TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, $"pgcheck {string.Join(' ', arguments)} exited with {run.ExitCode}:\n{run.Stderr}\nconsole:\n{run.Stdout}");
        return run.Stdout;
    }

    [GeneratedRegex(@"^\[vm[0-2]\] ")]
    private static partial Regex VmPrefix();

    [GeneratedRegex(@"directly executed: \d+ \(([\d.]+) %\)")]
    private static partial Regex DirectPercent();
}
