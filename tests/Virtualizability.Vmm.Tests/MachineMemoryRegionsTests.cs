using Virtualizability.Vmm.Tests.Guests;
using Xunit;

namespace Virtualizability.Vmm.Tests;

public class MachineMemoryRegionsTests
{
    [Fact]
    public void Regions_are_first_fit_above_the_reserved_cells_and_released_gaps_are_reused()
    {
        var regions = new MachineMemoryRegions(0x1000, 0x100);

        Assert.Equal(0x100UL, regions.Allocate(0x400));
        Assert.Equal(0x500UL, regions.Allocate(0x400));
        Assert.Equal(0x900UL, regions.Allocate(0x200));
        regions.Release(0x100);
        Assert.Equal(0x100UL, regions.Allocate(0x300));    // fits the released gap
        Assert.Equal(0xB00UL, regions.Allocate(0x500));    // does not fit 0x400..0x500, goes to the end
        Assert.Throws<InsufficientMachineMemoryException>(() => regions.Allocate(0x101));
        Assert.Equal(0x400UL, regions.Allocate(0x100));    // exactly fills the gap left
        Assert.Throws<ArgumentOutOfRangeException>(() => regions.Allocate(0));
        Assert.Throws<ArgumentException>(() => regions.Release(0x123));
    }

    [Fact]
    public void A_destroyed_VMs_region_goes_to_the_next_VM_zeroed()
    {
        var vmm = Monitors.Pg();
        var first = vmm.Boot(GuestKernel.Build(10), 0x4000);
        var machineBase = first.Ram.MachineAddress(0);
        vmm.Run(100_000);

        vmm.DestroyVirtualMachine(first);
        var second = vmm.CreateVirtualMachine(0x4000);

        Assert.Equal(machineBase, second.Ram.MachineAddress(0));
        Assert.NotEqual(first.Id, second.Id);
        Assert.Single(vmm.Machines);
        for (ulong a = 0; a < second.Ram.Size; a++) Assert.Equal(0UL, second.ReadGuestPhysical(a, 1));
        Assert.Throws<ArgumentException>(() => vmm.DestroyVirtualMachine(first));
    }
}
