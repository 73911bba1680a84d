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

    public static TheoryData<string> Programs => new("arith-sort", "exceptions", "kernel-user", "asid-wrap");

    // user-compute's one-VM run is the --stats test below.
    public static TheoryData<string> SideBySide => new("arith-sort", "exceptions", "kernel-user", "user-compute", "asid-wrap");

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
    [MemberData(nameof(SideBySide))]
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
        var (_, stats, direct) = StatsRun(GuestProgram.KernelUser);
        // The user task's loops run on the real machine; its kuseg pages come from shadow refills (retries).
        Assert.InRange(direct, 10.0, 100.0);
        Assert.Matches(@"allocator resolutions:\n(  \w+: \d+\n)*  Retry: [1-9]", stats);
        Assert.Contains("emulated instructions:\n", stats);
        Assert.Matches(@"  ERET: [1-9]", stats);
        Assert.Matches(@"time: [\d.]+ s, in the VMM [\d.]+ s", stats);
    }

    /// <summary>user-compute's one-VM run (its --vms 3 run is in the theory above): QEMU's output, and the target figure.</summary>
    [Fact]
    public void The_compute_bound_user_task_prints_what_qemu_prints_and_runs_at_least_999_per_mille_directly()
    {
        var (console, _, direct) = StatsRun(GuestProgram.UserCompute);
        Assert.Equal(GuestProgram.UserCompute.ExpectedOutput, console);
        // Only the kernel's set-up and system calls and the shadow refills of the wired pairs leave the real machine.
        Assert.InRange(direct, 99.9, 100.0);
    }

    /// <summary>`pgcheck run --vmm --stats`: the console, the statistics (stderr) and the directly executed percentage.</summary>
    private static (string Console, string Stats, double DirectPercent) StatsRun(GuestProgram program)
    {
        using var directory = new TempDirectory();
        var elf = program.Build(directory.Path);
        var run = Pgcheck.Run(["run", elf, .. Memory, "--vmm", "--stats"], TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, run.Stderr);
        return (run.Stdout, run.Stderr, double.Parse(DirectPercent().Match(run.Stderr).Groups[1].Value, CultureInfo.InvariantCulture));
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
