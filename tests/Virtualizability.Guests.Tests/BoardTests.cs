using Virtualizability.Guests;

namespace Virtualizability.Guests.Tests;

/// <summary>
/// Every guest program, built here, prints on the project's Malta-compatible board, through the real CLI
/// (`dotnet pgcheck.dll run prog.elf`, default spec isa-specs/mips32.isa), exactly what QEMU prints (expected.txt),
/// and ends through the reset register (exit code 0).
/// </summary>
public class BoardTests
{
    public static TheoryData<string> Programs => new(GuestProgram.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Programs))]
    public void The_board_prints_what_qemu_prints(string name)
    {
        var program = GuestProgram.Named(name);
        using var directory = new TempDirectory();
        var elf = program.Build(directory.Path);
        var run = Pgcheck.Run(["run", elf, "--memory", "256M", "--max-instructions", "2000000000"], TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, $"pgcheck run exited with {run.ExitCode}:\n{run.Stderr}\nconsole:\n{run.Stdout}");
        Assert.Equal(program.ExpectedOutput, run.Stdout);
    }
}
