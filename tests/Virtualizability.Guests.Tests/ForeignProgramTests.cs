using Virtualizability.Guests;

namespace Virtualizability.Guests.Tests;

/// <summary>
/// Programs built the way other people build bare-metal MIPS programs (tests/foreign-guests: no common runtime, the
/// toolchain's default PIC code, libgcc, a static PIE, small data, physical 0 and kseg1 link addresses, the
/// firmware's argc/argv/envp, a 16550 driver, the GT-64120's registers) print on QEMU what expected/ holds, and
/// `pgcheck run` prints the same, bare and under the VMM, and ends through the reset register.
/// </summary>
public class ForeignProgramTests
{
    public static TheoryData<string> Programs => new(ForeignProgram.All.Select(p => p.Name));

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Theory]
    [MemberData(nameof(Programs))]
    public void Qemu_prints_the_expected_output(string name)
    {
        var program = ForeignProgram.Named(name);
        using var directory = new TempDirectory();
        Assert.Equal(program.ExpectedOutput, Qemu.RunElf(program.Build(directory.Path), TimeSpan.FromSeconds(60)).Console);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void The_board_prints_what_qemu_prints_bare_and_under_the_vmm(string name)
    {
        var program = ForeignProgram.Named(name);
        using var directory = new TempDirectory();
        var elf = program.Build(directory.Path);
        foreach (var options in new[] { Array.Empty<string>(), ["--vmm"] })
        {
            var run = Pgcheck.Run(["run", elf, "--max-instructions", "100000000", .. options], Timeout);
            Assert.True(run.ExitCode == 0, $"pgcheck run {string.Join(' ', options)} exited with {run.ExitCode}:\n{run.Stderr}\nconsole:\n{run.Stdout}");
            Assert.Equal(program.ExpectedOutput, run.Stdout);
        }
    }

    [Fact]
    public void Append_is_the_firmware_command_line_as_with_qemu()
    {
        var program = ForeignProgram.Named("uart-probe");
        using var directory = new TempDirectory();
        var elf = program.Build(directory.Path);
        var qemu = CrossTools.Run(CrossTools.Require("qemu-system-mipsel"),
            ["-M", "malta", "-cpu", "24Kc", "-m", "256", "-nographic", "-no-reboot", "-kernel", elf, "-append", "console=ttyS0 quiet"], Timeout);
        var board = Pgcheck.Run(["run", elf, "--append", "console=ttyS0 quiet"], Timeout);
        Assert.Equal(0, board.ExitCode);
        Assert.Contains("argv[1]: 'console=ttyS0 quiet'", board.Stdout);
        Assert.Equal(qemu.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal), board.Stdout);
    }

    [Fact]
    public void Memory_size_reaches_a3_and_the_environment_as_with_qemu()
    {
        var program = ForeignProgram.Named("uart-probe");
        using var directory = new TempDirectory();
        var elf = program.Build(directory.Path);
        foreach (var (qemuMemory, boardMemory) in new[] { ("64", "64M"), ("1024", "1G") })
        {
            var qemu = Qemu.RunElf(elf, TimeSpan.FromSeconds(60), qemuMemory);
            var board = Pgcheck.Run(["run", elf, "--memory", boardMemory], Timeout);
            Assert.Equal(0, board.ExitCode);
            Assert.Equal(qemu.Console, board.Stdout);
        }
    }
}
