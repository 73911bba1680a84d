using Virtualizability.Guests;
using System.Text;
using Virtualizability.Execution;
using Virtualizability.Machines.Devices;
using Virtualizability.Machines.Elf;
using Virtualizability.Vmm;
using Virtualizability.Vmm.Mips;
using Xunit;

namespace Virtualizability.Machines.Tests;

/// <summary>
/// Every program of tests/mips32-programs prints under the trap-and-emulate VMM (MIPS allocator, virtual Malta
/// devices) exactly what it prints on the bare board, alone and as three VMs side by side on one real model.
/// </summary>
public class VmmProgramTests
{
    private const long RamBytes = 16L << 20;

    public static TheoryData<string> Programs() => Mips32ProgramTests.Programs();

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_prints_the_same_under_the_vmm(string name)
    {
        using var work = new TempDirectory();
        var elf = Toolchain.AssembleProgram(Repository.Mips32Programs, name, work.Path);
        var bare = GuestRun.Elf(elf).EndedByReset().Console;
        Assert.Equal([bare], RunVirtualized(elf, 1));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Three_vms_each_print_the_bare_output(string name)
    {
        using var work = new TempDirectory();
        var elf = Toolchain.AssembleProgram(Repository.Mips32Programs, name, work.Path);
        var bare = GuestRun.Elf(elf).EndedByReset().Console;
        Assert.Equal([bare, bare, bare], RunVirtualized(elf, 3));
    }

    [Fact]
    public void Console_input_by_interrupt_reaches_each_virtual_cpu_through_its_own_8259s()
    {
        using var work = new TempDirectory();
        var elf = Toolchain.CompileGuest("irq-echo.c", work.Path);
        const string input = "hello\nZ";
        var bare = GuestRun.Elf(elf, maxInstructions: 2_000_000_000, input: new StreamInput(new MemoryStream(Encoding.ASCII.GetBytes(input)))).EndedByReset().Console;
        Assert.Contains("line 'hello' in interrupts", bare);
        Assert.Equal([bare, bare], RunVirtualized(elf, 2, () => new StreamInput(new MemoryStream(Encoding.ASCII.GetBytes(input)))));
    }

    /// <summary>Each VM's console, after every VM wrote its reset register (checked: an unfinished VM fails the test).</summary>
    private static string[] RunVirtualized(string elf, int vms, Func<IByteInput>? input = null)
    {
        var vmm = new MaltaVmm(GuestRun.Isa, vms, RamBytes);
        var program = ElfReaderMips.Read(elf);
        var consoles = new MemoryStream[vms];
        var guests = new MaltaGuest[vms];
        for (var i = 0; i < vms; i++)
        {
            consoles[i] = new MemoryStream();
            guests[i] = vmm.Boot(program, consoles[i], input?.Invoke() ?? NoInput.Instance);
        }
        // A short slice, so that the VMs switch (and the real TLB is flushed) many times within each program.
        vmm.Monitor.Run(50_000_000, timeSlice: 37);
        foreach (var guest in guests)
            Assert.True(guest.Vm.IsStopped, $"{guest.Vm.Name} did not write the reset register; console:\n{Encoding.ASCII.GetString(consoles[guest.Vm.Id].ToArray())}");
        return consoles.Select(c => Encoding.ASCII.GetString(c.ToArray())).ToArray();
    }
}
