using Virtualizability.Guests;
using Virtualizability.Machines.Running;
using Xunit;

namespace Virtualizability.Machines.Tests;

/// <summary>
/// Every program of tests/mips32-programs, assembled in the test, runs on the board to the reset register and
/// prints the registers its header states; QEMU's Malta prints the same for the same ELF.
/// </summary>
public class Mips32ProgramTests
{
    private static IEnumerable<string> ProgramNames() =>
        Directory.GetFiles(Repository.Mips32Programs, "*.S").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    public static TheoryData<string> Programs() => new(ProgramNames());

    [Fact]
    public void All_six_programs_are_found()
    {
        Assert.Equal(["arith", "branches", "exceptions", "syscall", "tlb", "unaligned"], ProgramNames());
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_prints_the_registers_its_header_states(string name)
    {
        using var work = new TempDirectory();
        var elf = Toolchain.AssembleProgram(Repository.Mips32Programs, name, work.Path);
        var run = GuestRun.Elf(elf).EndedByReset();
        Assert.Equal(ExpectedRegisters.ConsoleOutput(Path.Combine(Repository.Mips32Programs, name + ".S")), run.Console);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_prints_what_qemu_prints(string name)
    {
        using var work = new TempDirectory();
        var elf = Toolchain.AssembleProgram(Repository.Mips32Programs, name, work.Path);
        var qemu = Toolchain.RunOnQemu(elf);
        Assert.StartsWith("r01=", qemu); // QEMU ran it
        Assert.Equal(qemu, GuestRun.Elf(elf).EndedByReset().Console);
    }

    [Fact]
    public void Exceptions_are_counted_by_cause_code()
    {
        using var work = new TempDirectory();
        var run = GuestRun.Elf(Toolchain.AssembleProgram(Repository.Mips32Programs, "tlb", work.Path)).EndedByReset();
        // tlb.S: two refills (fetch and data), one TLB invalid load and one address error in user mode, one SYSCALL.
        Assert.Equal(2, run.Report.ExceptionsByCause["TLBRefillLoad (ExcCode 2)"]);
        Assert.Equal(1, run.Report.ExceptionsByCause["TLBInvalidLoad (ExcCode 2)"]);
        Assert.Equal(1, run.Report.ExceptionsByCause["AddressErrorLoad (ExcCode 4)"]);
        Assert.Equal(1, run.Report.ExceptionsByCause["SystemCall (ExcCode 8)"]);
        Assert.Equal(RunEnd.Reset, run.Report.End);
    }
}
