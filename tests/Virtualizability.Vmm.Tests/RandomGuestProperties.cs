using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Virtualizability.Execution;
using Virtualizability.Vmm.PgMachine;
using Virtualizability.Vmm.Tests.Guests;
using Xunit;

namespace Virtualizability.Vmm.Tests;

/// <summary>
/// Random guests, wild ones included (starting in either virtual mode with any R, privileged instructions, R pointing
/// anywhere, traps into random code): the
/// VMM never throws, the guest cannot reach machine memory outside its allocation nor leave the real machine in
/// supervisor mode, and it ends in the state of a bare machine with as much memory, after as many steps.
/// </summary>
public class RandomGuestProperties
{
    private const long Budget = 400;

    private static Arbitrary<RandomGuest> Guests => RandomGuests.Guest().ToArbitrary();

    private static Gen<ulong> VmSizes => Gen.Elements<ulong>(0x400, 0x1000, 0x4000);

    [Property(MaxTest = 300)]
    public Property A_random_guest_under_the_VMM_ends_in_the_bare_state_of_a_machine_with_its_memory() =>
        Prop.ForAll(Guests, VmSizes.ToArbitrary(), (guest, size) =>
        {
            var image = guest.Image();
            var (bare, bareResult) = Bare.Run(image, Budget, (long)size, start: guest.Start);
            var vmm = Monitors.Pg();
            var vm = vmm.Boot(image, size);
            guest.Start(vm.State);

            vmm.Run(Budget, timeSlice: 37);

            Assert.Empty(Equivalence.Differences(bare, vm));
            Assert.Equal(bareResult.Steps, vm.Statistics.GuestInstructions);
        });

    [Property(MaxTest = 300)]
    public Property A_random_guest_touches_no_machine_memory_outside_its_allocation_and_never_runs_in_real_supervisor_mode() =>
        Prop.ForAll(Guests, VmSizes.ToArbitrary(), (guest, size) =>
        {
            // Machine memory is exactly the VM's allocation at machine 0; every other address is the recording bus.
            var outside = new RecordingBus();
            var options = new MachineOptions { MemoryCells = new Dictionary<string, long> { [PgSpec.Storage.Name] = (long)size }, Bus = outside };
            var vmm = Monitors.Pg(reserved: 0, options);
            var vm = vmm.Boot(guest.Image(), size);
            guest.Start(vm.State);
            var resumedInSupervisor = 0;
            vmm.Dispatcher.Resuming = _ => resumedInSupervisor += vmm.Real.IsSupervisor ? 1 : 0;

            vmm.Run(Budget, timeSlice: 53);

            Assert.Empty(outside.Accesses);
            Assert.Equal(0, resumedInSupervisor);
            Assert.False(vmm.Real.IsHalted);
            Assert.Equal(vm.IsHalted ? vm.Statistics.GuestInstructions : Budget, vm.Statistics.GuestInstructions);
        });

    [Property(MaxTest = 100)]
    public Property Three_random_guests_side_by_side_are_isolated_and_each_equivalent_to_running_alone() =>
        Prop.ForAll(Guests.Generator.ArrayOf(3).ToArbitrary(), guests =>
        {
            const ulong size = 0x1000;
            var vmm = Monitors.Pg();
            var machine = vmm.Real.State.Memory(PgSpec.Storage);
            var vms = guests.Select(g => vmm.Boot(g.Image(), size)).ToList();
            for (var i = 0; i < vms.Count; i++) guests[i].Start(vms[i].State);
            // Everything outside the three regions holds a pattern no guest could have written there legitimately.
            var end = vms.Max(v => v.Ram.MachineAddress(0) + size);
            for (ulong a = 0; a < (ulong)machine.CellCount; a++)
                if (a < RelocationBoundsAllocator.DefaultReserved || a >= end) machine.WriteCell(a, 0xA5);

            vmm.Run(Budget, timeSlice: 29);

            for (var i = 0; i < vms.Count; i++)
            {
                var (bare, bareResult) = Bare.Run(guests[i].Image(), Budget, (long)size, start: guests[i].Start);
                Assert.Empty(Equivalence.Differences(bare, vms[i]));
                Assert.Equal(bareResult.Steps, vms[i].Statistics.GuestInstructions);
            }
            for (ulong a = 0; a < (ulong)machine.CellCount; a++)
                if (a < RelocationBoundsAllocator.DefaultReserved || a >= end) Assert.Equal(0xA5UL, machine.ReadCell(a));
        });
}
