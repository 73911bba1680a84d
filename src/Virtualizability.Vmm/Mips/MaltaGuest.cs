using Virtualizability.Execution;
using Virtualizability.Machines;
using Virtualizability.Machines.Devices;
using Virtualizability.Machines.Elf;

namespace Virtualizability.Vmm.Mips;

/// <summary>
/// One Malta board virtualized: a VM with the board's RAM and its own devices (16550 UART, reset register) on its
/// guest-physical bus, loaded with an ELF in QEMU's -kernel start state, as <see cref="MaltaBoard"/> does for the
/// bare model. The guest's reset-register write stops only this VM.
/// </summary>
public sealed class MaltaGuest
{
    private MaltaGuest(VirtualMachine vm, MaltaBus bus)
    {
        Vm = vm;
        Bus = bus;
    }

    public VirtualMachine Vm { get; }

    public MaltaBus Bus { get; }

    public Uart16550 Uart => Bus.Uart;

    public static MaltaGuest Create(VirtualMachineMonitor monitor, long ramBytes, Stream console, IByteInput input, string? name = null)
    {
        // The VM's guest-physical RAM is one block from address 0: the windows that show more than 256 MiB at
        // physical 0x80000000 on a real board are not virtualized.
        if (ramBytes <= 0 || ramBytes > MaltaBoard.LowRamBytes)
            throw new BoardException($"RAM of {MemorySize.Describe(ramBytes)} is more than the VMM gives a Malta guest: at most {MemorySize.Describe(MaltaBoard.LowRamBytes)}");
        var storage = monitor.Real.Model.Roles.Storage;
        var bus = new MaltaBus(storage.Index, new Uart16550(console, input));
        var vm = monitor.CreateVirtualMachine((ulong)ramBytes, bus, name);
        bus.OnReset = vm.Stop;
        // The 8259s' output is the virtual CPU's Cause.IP2; console input that arrives between the guest's accesses
        // raises it at the next time slice.
        bus.InterruptLineChanged = CpuInterruptLine.For(vm.State);
        vm.PollDevices = bus.UpdateInterrupts;
        return new MaltaGuest(vm, bus);
    }

    /// <summary>Copies the program's segments into guest-physical RAM and sets the -kernel start state on the virtual CPU.</summary>
    public void Load(ElfProgram program) =>
        KernelImageLoader.Load(program, (long)Vm.Ram.Size, (long)Vm.Ram.Size, Vm.State, (address, fileBytes, memorySize) =>
        {
            for (uint i = 0; i < memorySize; i++)
                Vm.Ram.Write(address + (ulong)i, 1, i < fileBytes.Length ? fileBytes[(int)i] : 0UL);
        });
}
