using Virtualizability.Vmm.Identity;
using Virtualizability.Vmm.Tests.Guests;
using Xunit;

namespace Virtualizability.Vmm.Tests;

/// <summary>
/// The identity VMM (<see cref="IdentityAllocator"/>) on the sample guests of tests/guests/s360 and tests/guests/riscv:
/// the guest prints the bare machine's output and ends in the bare machine's state after the same number of guest
/// instructions, with short slices too; most of it runs directly; the real resources are the VM map's, not the guest's.
/// </summary>
public sealed class IdentityVmmTests
{
    private static readonly SpecFile S360 = new("s360.isa");

    // The s360 console sits below 64 KiB, the installed storage (the 16th cell from the top of the 24-bit space traps).
    private static readonly SampleBoardGuest S360Sample = new(S360, "tests/guests/s360/sample.hex", 0xfff0, 0xfff0);

    private const long S360Steps = 3000;

    [Theory]
    [InlineData(100_000)]
    [InlineData(7)]
    public void The_s360_sample_guest_prints_and_ends_as_on_the_bare_machine(long slice)
    {
        var (bare, bareConsole) = S360Sample.RunBare(S360Steps);
        Assert.Equal("s3\n3\n247\n5\n", bareConsole);
        var (monitor, vm, console) = S360Sample.RunUnderVmm(S360Steps, slice);
        Assert.Equal(bareConsole, console);
        Assert.Empty(S360Sample.Differences(bare, vm));
        Assert.False(monitor.Real.IsSupervisor);
        // The store loop of the problem-state task runs on the real machine.
        Assert.True(vm.Statistics.DirectFraction > 0.9, $"directly executed {vm.Statistics.DirectFraction:P}");
    }

    [Fact]
    public void The_real_storage_keys_are_the_guests_renamed_by_the_allocators_rotation()
    {
        var (monitor, vm, _) = S360Sample.RunUnderVmm(S360Steps, 100_000);
        var keys = S360.Model.Register("SK")!;
        // The guest set block 1 to key 3 and block 2 to key 5 (fetch protection off); rotated by 7: 10 and 12.
        Assert.Equal(3UL << 1, vm.State.GetRegister(keys, 1));
        Assert.Equal(10UL << 1, monitor.Real.State.GetRegister(keys, 1));
        Assert.Equal(12UL << 1, monitor.Real.State.GetRegister(keys, 2));
        Assert.Equal(0UL, monitor.Real.State.GetRegister(keys, 0));   // key 0 stays the master key
    }

    private static readonly SpecFile Riscv = new("riscv.isa");

    private static readonly SampleBoardGuest RiscvSample = new(Riscv, "tests/guests/riscv/sample.hex", 1 << 20, 0xffff_fff0);

    [Theory]
    [InlineData(100_000)]
    [InlineData(7)]
    public void The_riscv_sample_guest_prints_and_ends_as_on_the_bare_machine(long slice)
    {
        var (bare, bareConsole) = RiscvSample.RunBare(2000);
        Assert.Equal("rv\n52\n", bareConsole);
        var (monitor, vm, console) = RiscvSample.RunUnderVmm(2000, slice);
        Assert.Equal(bareConsole, console);
        Assert.Empty(RiscvSample.Differences(bare, vm));
        // Virtual M-mode code with no locked PMP entry runs directly (its console stores, the final loop), as does the U task.
        Assert.True(vm.Statistics.DirectFraction > 0.95, $"directly executed {vm.Statistics.DirectFraction:P}");
        Assert.Equal(0UL, monitor.Real.State.GetRegister(Riscv.Model.Register("PRIV")!));
    }

    [Fact]
    public void A_riscv_guest_in_virtual_M_mode_with_a_locked_pmp_entry_is_interpreted_and_still_equivalent()
    {
        // Lock the guest's PMP entry: M-mode accesses are then checked by it, which one real U-mode entry cannot say,
        // so the composition denies every real access and the guest's M-mode code is interpreted.
        var locked = RiscvSample.Units.Select(u => u == 0x00f00293 ? 0x08f00293UL : u).ToList();
        Assert.NotEqual(RiscvSample.Units, locked);
        var guest = new SampleBoardGuest(Riscv, locked, 1 << 20, 0xffff_fff0);
        var (bare, bareConsole) = guest.RunBare(2000);
        var (_, vm, console) = guest.RunUnderVmm(2000, 97);
        Assert.Equal(bareConsole, console);
        Assert.Empty(guest.Differences(bare, vm));
    }

    [Fact]
    public void The_identity_policy_runs_one_vm_and_refuses_specs_whose_vm_map_moves_storage()
    {
        var (monitor, _, _) = S360Sample.RunUnderVmm(10, 10);
        Assert.Throws<InvalidOperationException>(() => monitor.CreateVirtualMachine(0x100));
        Assert.False(IdentityAllocator.Accepts(PgSpec.Model));
        Assert.False(IdentityAllocator.Accepts(MipsSpec.File.Model));
    }
}
