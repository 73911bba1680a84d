using Virtualizability.Execution;
using Virtualizability.Vmm.Tests.Guests;
using Xunit;

namespace Virtualizability.Vmm.Tests;

/// <summary>A guest whose trap handling throws (here its device model does) ends with an error on its VM only.</summary>
public class FailingGuestTests
{
    private const ulong VmSize = 0x4000;

    private sealed class BrokenDevice : IMemoryBus
    {
        public ulong Read(int memoryIndex, ulong address, int cells) => throw new InvalidOperationException("the device model broke");

        public void Write(int memoryIndex, ulong address, int cells, ulong value) => throw new InvalidOperationException("the device model broke");
    }

    /// <summary>Stores a few bytes in its RAM, then one to the device beyond RAM, then halts.</summary>
    private static GuestImage Guest() =>
        GuestImage.Of(new PgAssembler(0x0100).Li(1, 7).Li(2, 0x0200).Emit("SB", ("ra", 1), ("rb", 2), ("imm", 0))
            .Li(2, ConsoleDevice.Address).Emit("SB", ("ra", 1), ("rb", 2), ("imm", 0)).Halt().Assemble());

    [Fact]
    public void A_throwing_device_stops_its_own_VM_with_the_error_and_the_other_VM_runs_to_the_end()
    {
        var vmm = Monitors.Pg();
        var broken = vmm.Boot(Guest(), VmSize, new BrokenDevice());
        var console = new ConsoleDevice();
        var healthy = vmm.Boot(Guest(), VmSize, console);

        vmm.Run(1_000, timeSlice: 2);

        Assert.True(broken.IsHalted);
        Assert.NotNull(broken.Error);
        Assert.Contains("vm0 stopped at PC 0x", broken.Error);
        Assert.Contains("the device model broke", broken.Error);
        Assert.Null(healthy.Error);
        Assert.Equal("\u0007", console.Output.ToString());
        Equivalence.AssertSame(Bare.Run(Guest(), 1_000, (long)VmSize, new ConsoleDevice()).Machine, healthy);
    }
}
