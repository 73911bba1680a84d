using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Virtualizability.Vmm.Mips;
using Virtualizability.Vmm.Tests.Adversarial;
using Virtualizability.Vmm.Tests.Guests;
using Xunit;

namespace Virtualizability.Vmm.Tests;

/// <summary>
/// Issue 5 item 6 on MIPS32: three hostile guests at a time (random code aimed at other VMs' machine pages, the reserved
/// page, devices and kernel segments; MTC0 to Status, EntryHi, EntryLo, PageMask, Wired; TLB writes of foreign PFNs;
/// ERET, WAIT, CACHE, wild jumps) run side by side under the VMM in kernel or user mode. None gets out
/// (<see cref="HostileRun"/> lists what is checked), and the checks themselves catch a broken allocator.
/// </summary>
public class AdversarialGuestProperties
{
    private const long Budget = 1_000;

    private static Arbitrary<HostileGuest[]> Trios => HostileGuests.Guest.ArrayOf(3).ToArbitrary();

    // One instruction per slice puts a resource-control check before and after every guest instruction; longer slices
    // let shadow entries live across traps and world switches.
    private static Arbitrary<long> Slices => Gen.Elements<long>(1, 7, 97, 1_000).ToArbitrary();

    [Property(MaxTest = 30)]
    public Property Hostile_guests_side_by_side_never_get_out_of_their_VMs() =>
        Prop.ForAll(Trios, Slices, (guests, slice) => AssertNone(HostileRun.Violations(guests, Budget, slice)));

    /// <summary>Three guests in user mode storing into kuseg page 1 (the odd half of TLB entry 0) where their 1 000 instructions
    /// of code never reach, each a different value.</summary>
    private static HostileGuest[] Storers() => UserModeLoop((uint)MipsSpec.File.Encode("SW", ("base", 0), ("rt", 1), ("offset", 0x1FF0)));

    /// <summary>Three guests in user mode repeating one instruction from kuseg page 0, GPR1 = 0xC0DE0000 + the VM's number.</summary>
    private static HostileGuest[] UserModeLoop(uint instruction)
    {
        return Enumerable.Range(0, 3).Select(i =>
        {
            var registers = new uint[31];
            registers[0] = 0xC0DE_0000u + (uint)i;
            return new HostileGuest([instruction], registers, Status: 0x10, Pc: 0x400, EntryHi: 0,
                [new GuestTlbEntry(0, 0, 0x7, (1 << 6) | 0x7), .. Enumerable.Range(1, 15).Select(e => new GuestTlbEntry(0x8000_0000u + (uint)e * 0x2000, 0, 0, 0))]);
        }).ToArray();
    }

    [Fact]
    public void Well_behaved_user_mode_storers_pass_the_checks()
    {
        AssertNone(HostileRun.Violations(Storers(), Budget, 97));
    }

    private static void AssertNone(IReadOnlyList<string> violations) =>
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

    [Fact]
    public void A_directly_executed_load_linked_does_not_show_the_guest_its_machine_address()
    {
        // LL records the physical address in LLAddr; run directly, the real LL records the machine address.
        AssertNone(HostileRun.Violations(UserModeLoop((uint)MipsSpec.File.Encode("LL", ("base", 0), ("rt", 2), ("offset", 0x100))), Budget, 97));
    }

    [Fact]
    public void A_pmap_off_by_one_VM_is_caught_by_the_TLB_check_the_neighbour_comparison_and_the_canary()
    {
        var pages = HostileGuest.RamBytes / (long)MipsAllocator.PageSize;
        var violations = HostileRun.Violations(Storers(), Budget, 97, real => new BrokenAllocator(new MipsAllocator(real, MipsAllocator.ExtentAlignmentFor(HostileGuest.RamBytes)), pages, kernelMode: false));

        var all = string.Join(Environment.NewLine, violations);
        Assert.True(violations.Any(v => v.Contains("maps machine 0x") && v.Contains("outside its RAM")), all);
        Assert.True(violations.Any(v => v.StartsWith("vm1 differs from its run alone", StringComparison.Ordinal)), all);
        Assert.True(violations.Any(v => v.Contains("owned by no VM, changed")), all);
    }

    [Fact]
    public void A_real_machine_left_in_kernel_mode_is_caught()
    {
        var violations = HostileRun.Violations(Storers(), Budget, 97, real => new BrokenAllocator(new MipsAllocator(real, MipsAllocator.ExtentAlignmentFor(HostileGuest.RamBytes)), 0, kernelMode: true));

        Assert.Contains(violations, v => v.Contains("the real machine is in supervisor mode"));
        Assert.Contains(violations, v => v.Contains("the VMM threw") && v.Contains(nameof(VmmInvariantException)));
    }
}
