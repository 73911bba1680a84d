using Virtualizability.Execution;
using Virtualizability.Vmm.PgMachine;
using Virtualizability.Vmm.Tests.Guests;
using Xunit;

namespace Virtualizability.Vmm.Tests;

public class RetryRouteTests
{
    [Fact]
    public void A_memory_trap_the_allocator_resolves_by_mapping_reruns_the_instruction_directly_and_changes_nothing_else()
    {
        var image = GuestKernel.Build(50);
        var (bare, bareResult) = Bare.Run(image, 1_000_000);
        var real = new Machine(PgSpec.Isa);
        real.Reset();
        var vmm = new VirtualMachineMonitor(new DemandMappingAllocator(new RelocationBoundsAllocator(real)));
        var vm = vmm.Boot(image, 0x4000);

        var s = vmm.Run(1_000_000);

        Equivalence.AssertSame(bare, vm);
        // The first fetch trapped and was retried: one more real step, the same guest steps.
        Assert.Equal(1, s.AllocatorResolutions[MemoryTrapResolution.Retry]);
        Assert.Equal(bareResult.Steps, s.GuestInstructions);
        Assert.Equal(bareResult.Steps + 1, s.RealSteps);
    }

    [Fact]
    public void A_budget_counts_guest_instructions_so_a_retry_does_not_shorten_the_run()
    {
        var image = GuestKernel.Build(50);
        const long budget = 100;
        var (bare, _) = Bare.Run(image, budget);
        var real = new Machine(PgSpec.Isa);
        real.Reset();
        var vmm = new VirtualMachineMonitor(new DemandMappingAllocator(new RelocationBoundsAllocator(real)));
        var vm = vmm.Boot(image, 0x4000);

        var s = vmm.Run(budget, timeSlice: 7);

        Assert.Equal(budget, s.GuestInstructions);
        Equivalence.AssertSame(bare, vm);
    }
}
