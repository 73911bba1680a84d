using Virtualizability.Execution;
using Virtualizability.Vmm.PgMachine;
using Virtualizability.Vmm.Tests.Guests;
using Xunit;

namespace Virtualizability.Vmm.Tests;

/// <summary>The small guest kernel with its user task, bare and under the VMM: same outcome, step for step.</summary>
public class GuestKernelTests
{
    private const long Budget = 1_000_000;
    private const ulong VmSize = 0x4000;

    [Fact]
    public void The_guest_kernel_does_on_the_bare_model_what_it_was_written_to_do()
    {
        var (bare, result) = Bare.Run(GuestKernel.Build(10), Budget);

        Assert.Equal(RunStopReason.Halted, result.Reason);
        var e = bare.State.Memory(PgSpec.Storage);
        Assert.Equal(55UL, e.Read(GuestKernel.UserSum, 2));
        Assert.Equal(3UL, e.Read(GuestKernel.SvcSum, 2));               // SVC 1 + SVC 2
        Assert.Equal(3UL, e.Read(GuestKernel.FaultCount, 2));           // violation, privileged, overflow
        Assert.Equal(5UL, e.Read(GuestKernel.LastFaultCode, 2));        // overflow last
        Assert.Equal(0x2000UL, e.Read(GuestKernel.BootBound, 2));
        Assert.Equal(0xFFFFUL, e.Read(GuestKernel.HandlerBound, 2));
        Assert.Equal(0x55UL, e.Read(GuestKernel.UserLastWord, 2));
        Assert.Equal(0UL, bare.State.GetRegister("M"));                 // halted in the supervisor's handler
    }

    [Fact]
    public void Under_the_VMM_at_a_nonzero_allocation_the_guest_ends_in_the_bare_state_after_as_many_steps()
    {
        var image = GuestKernel.Build(10);
        var (bare, bareResult) = Bare.Run(image, Budget);
        var vmm = Monitors.Pg();
        var vm = vmm.Boot(image, VmSize);

        var statistics = vmm.Run(Budget);

        Assert.NotEqual(0UL, vm.Ram.MachineAddress(0));
        Assert.True(vm.IsHalted);
        Equivalence.AssertSame(bare, vm);
        Assert.Equal(bareResult.Steps, statistics.GuestInstructions);
        // The guest saw its own R, never the composed real one.
        Assert.Equal(0xFFFFUL, vm.ReadGuestPhysical(GuestKernel.HandlerBound, 2));
        Assert.Equal(0UL, vm.ReadGuestPhysical(GuestKernel.HandlerBase, 2));
    }

    [Fact]
    public void The_dispatcher_emulates_the_kernels_privileged_instructions_and_reflects_the_user_tasks_traps()
    {
        var vmm = Monitors.Pg();
        vmm.Boot(GuestKernel.Build(10), VmSize);

        var s = vmm.Run(Budget);

        // Kernel: SETR, GETR and the LPSW into user mode at boot; per trap one GETR and one LPSW back; the final HALT.
        // Traps the user task takes: SVC 1, SVC 2, the violation, GETR in user mode, overflow, SVC 0xFF: six.
        Assert.Equal(1, s.EmulatedByInstruction["SETR"]);
        Assert.Equal(1 + 6, s.EmulatedByInstruction["GETR"]);
        Assert.Equal(1 + 5, s.EmulatedByInstruction["LPSW"]);
        Assert.Equal(1, s.EmulatedByInstruction["HALT"]);
        Assert.Equal(2 + 1, s.ReflectedByCause["SupervisorCall"]);
        Assert.Equal(1, s.ReflectedByCause["MemoryViolation"]);
        Assert.Equal(1, s.ReflectedByCause["PrivilegedOperation"]);
        Assert.Equal(1, s.ReflectedByCause["Overflow"]);
        // The kernel's read at 0x5000 is valid for the guest but beyond its 16 KiB: interpreted through the allocation.
        Assert.Equal(1, s.AllocatorResolutions[MemoryTrapResolution.Emulate]);
        Assert.Equal(1, s.EmulatedByInstruction["LW"]);
        Assert.Equal(1, s.AllocatorResolutions[MemoryTrapResolution.Reflect]);
        Assert.Equal(s.Traps, s.TrapsByCause.Values.Sum());
        Assert.Equal(s.GuestInstructions - s.Traps, s.DirectlyExecuted);
        Assert.True(s.VmmTicks > 0 && s.VmmTicks <= s.TotalTicks);
    }

    [Fact]
    public void A_compute_loop_runs_almost_entirely_directly()
    {
        var vmm = Monitors.Pg();
        vmm.Boot(GuestKernel.Build(20_000), VmSize);

        var s = vmm.Run(Budget);

        Assert.True(s.GuestInstructions > 60_000);
        Assert.True(s.DirectFraction > 0.999, $"directly executed fraction {s.DirectFraction:P3}");
    }

    [Fact]
    public void Three_VMs_side_by_side_each_end_in_their_own_bare_state()
    {
        ulong[] iterations = [10, 300, 4_000];
        var vmm = Monitors.Pg();
        var vms = iterations.Select(n => vmm.Boot(GuestKernel.Build(n), VmSize)).ToList();

        // A slice length prime to everything in the guests, so the world switches fall everywhere.
        vmm.Run(Budget, timeSlice: 97);

        Assert.Equal(3, vms.Select(v => v.Ram.MachineAddress(0)).Distinct().Count());
        for (var i = 0; i < vms.Count; i++)
        {
            var (bare, bareResult) = Bare.Run(GuestKernel.Build(iterations[i]), Budget);
            Equivalence.AssertSame(bare, vms[i]);
            Assert.Equal(bareResult.Steps, vms[i].Statistics.GuestInstructions);
        }
        Assert.Equal((ulong)(4_000 * 4_001 / 2 & 0xFFFF), vms[2].ReadGuestPhysical(GuestKernel.UserSum, 2));
    }

    [Fact]
    public void A_guest_HALT_in_virtual_supervisor_mode_stops_only_that_VM()
    {
        var vmm = Monitors.Pg();
        var halting = vmm.Boot(GuestImage.Of(new PgAssembler(0x0100).Halt().Assemble()), VmSize);
        var others = new[] { vmm.Boot(GuestKernel.Build(1_000), VmSize), vmm.Boot(GuestKernel.Build(1_000), VmSize) };

        vmm.Run(Budget, timeSlice: 50);

        Assert.True(halting.IsHalted);
        Assert.Equal(1, halting.Statistics.GuestInstructions);
        Assert.False(vmm.Real.IsHalted);
        foreach (var vm in others)
        {
            Assert.True(vm.IsHalted);
            Assert.True(vm.Statistics.GuestInstructions > 3_000);
            Assert.Equal(1_000UL * 1_001 / 2 & 0xFFFF, vm.ReadGuestPhysical(GuestKernel.UserSum, 2));
        }
    }

    [Fact]
    public void Each_VMs_memory_lives_in_its_own_region_and_nothing_else_changes()
    {
        var vmm = Monitors.Pg();
        var vms = Enumerable.Range(0, 3).Select(_ => vmm.Boot(GuestKernel.Build(100), VmSize)).ToList();
        var machine = vmm.Real.State.Memory(PgSpec.Storage);
        var before = machine.Bytes.ToArray();

        vmm.Run(Budget, timeSlice: 64);

        var regions = vms.Select(v => (Start: v.Ram.MachineAddress(0), End: v.Ram.MachineAddress(0) + v.Ram.Size)).ToList();
        Assert.Equal(0x4000UL * 3 + RelocationBoundsAllocator.DefaultReserved, regions.Max(r => r.End));
        for (var a = 0; a < before.Length; a++)
        {
            var inside = regions.Any(r => (ulong)a >= r.Start && (ulong)a < r.End);
            if (!inside) Assert.Equal(before[a], machine.Bytes[a]);
        }
        // Each VM's user sum is in its own region, at its own machine address.
        foreach (var vm in vms) Assert.Equal(5050UL, machine.Read(vm.Ram.MachineAddress(GuestKernel.UserSum), 2));
    }
}
