using Virtualizability.Vmm.Tests.Guests;
using Xunit;

namespace Virtualizability.Vmm.Tests;

/// <summary>
/// Devices are per VM and live beyond its RAM in guest-physical space. The real R never covers them, so a guest's
/// device access traps, the allocator sends it to the interpreter, and the access reaches that VM's device only.
/// </summary>
public class DeviceTests
{
    private const ulong VmSize = 0x4000;

    /// <summary>Prints <paramref name="text"/>, reads a word straddling the end of RAM, stores it, halts.</summary>
    private static GuestImage Printer(string text)
    {
        var code = new PgAssembler(0x0100).Li(2, ConsoleDevice.Address);
        foreach (var c in text) code.Li(1, c).Emit("SB", ("ra", 1), ("rb", 2), ("imm", 0));
        code.Li(3, VmSize - 1).Lw(4, 3, 0).Li(5, 0).Sw(4, 5, 0x0200).Halt();
        return GuestImage.Of(code.Assemble());
    }

    [Fact]
    public void Each_VM_prints_on_its_own_console_what_the_bare_machine_prints_on_its_console()
    {
        string[] texts = ["first", "second VM", "3"];
        var vmm = Monitors.Pg();
        var consoles = texts.Select(_ => new ConsoleDevice()).ToList();
        var vms = texts.Select((t, i) => vmm.Boot(Printer(t), VmSize, consoles[i])).ToList();

        vmm.Run(10_000, timeSlice: 3);

        for (var i = 0; i < texts.Length; i++)
        {
            var bareConsole = new ConsoleDevice();
            var (bare, _) = Bare.Run(Printer(texts[i]), 10_000, (long)VmSize, bareConsole);
            Assert.Equal(texts[i], consoles[i].Output.ToString());
            Assert.Equal(bareConsole.Output.ToString(), consoles[i].Output.ToString());
            Equivalence.AssertSame(bare, vms[i]);
            // The last byte of RAM (0) joined with the device's first byte.
            Assert.Equal(ConsoleDevice.ReadValue, vms[i].ReadGuestPhysical(0x0200, 2));
            Assert.Equal(texts[i].Length + 1, vms[i].Statistics.AllocatorResolutions[MemoryTrapResolution.Emulate]);
        }
    }

    [Fact]
    public void The_guest_physical_bus_splits_accesses_at_the_end_of_RAM_and_at_the_top_of_the_address_space()
    {
        var vmm = Monitors.Pg();
        var console = new ConsoleDevice();
        var vm = vmm.CreateVirtualMachine(VmSize, console);
        vm.WriteGuestPhysical(VmSize - 2, 2, 0x1234);
        vm.WriteGuestPhysical(0, 2, 0x5678);

        Assert.Equal(0x1234UL, vm.ReadGuestPhysical(VmSize - 2, 2));
        Assert.Equal(0x34_42UL, vm.ReadGuestPhysical(VmSize - 1, 2));       // RAM byte, then device byte
        Assert.Equal(0x42_56UL, vm.ReadGuestPhysical(0xFFFF, 2));           // device byte at 0xFFFF, wraps to RAM 0
        Assert.Equal(0x4242UL, vm.ReadGuestPhysical(0x8000, 2));            // wholly beyond RAM: the device
        vm.WriteGuestPhysical(0xFFFF, 2, 0xAB_CD);                          // 0xAB to the device, 0xCD to RAM 0
        Assert.Equal(0xCD78UL, vm.ReadGuestPhysical(0, 2));
        var machine = vmm.Real.State.Memory(PgSpec.Storage);
        Assert.Equal(0xCD78UL, machine.Read(vm.Ram.MachineAddress(0), 2));
    }
}
