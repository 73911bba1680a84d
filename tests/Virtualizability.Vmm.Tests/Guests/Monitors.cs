using Virtualizability.Execution;
using Virtualizability.Vmm.PgMachine;

namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>A pg-machine VMM on a fresh real machine.</summary>
public static class Monitors
{
    public static VirtualMachineMonitor Pg(ulong reserved = RelocationBoundsAllocator.DefaultReserved, MachineOptions? realOptions = null)
    {
        var real = new Machine(PgSpec.Isa, realOptions);
        real.Reset();
        return new VirtualMachineMonitor(new RelocationBoundsAllocator(real, reserved));
    }

    public static VirtualMachine Boot(this VirtualMachineMonitor vmm, GuestImage image, ulong memorySize, IMemoryBus? devices = null)
    {
        var vm = vmm.CreateVirtualMachine(memorySize, devices);
        image.LoadInto(vm);
        return vm;
    }
}
