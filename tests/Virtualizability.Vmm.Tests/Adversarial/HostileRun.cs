using Virtualizability.Execution;
using Virtualizability.Machines.Devices;
using Virtualizability.Vmm.Mips;
using Virtualizability.Vmm.Tests.Guests;

namespace Virtualizability.Vmm.Tests.Adversarial;

/// <summary>
/// Hostile guests side by side under the MIPS VMM on one real model, and everything that would show one of them got out:
/// <list type="bullet">
/// <item>the VMM threw, or ended a VM with an error (a guest must only ever meet its own architectural exceptions);</item>
/// <item>the <see cref="ResourceControlCheck"/> saw the real machine in supervisor mode or a real TLB entry mapping
/// machine memory the running VM does not own;</item>
/// <item>machine memory no VM owns (the reserved page 0 and slack pages after the last VM, filled with a canary) changed;</item>
/// <item>a VM's guest RAM, virtual CPU state, console output or instruction count differs from the same guest run alone
/// on a fresh VMM: a neighbour that wrote into it, or whose memory it read, or a machine address it could observe.</item>
/// </list>
/// </summary>
public static class HostileRun
{
    private const ulong SlackBytes = 4 * MipsAllocator.PageSize;

    /// <summary>Runs <paramref name="guests"/> side by side; returns every violation seen (none for a sound VMM).</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<HostileGuest> guests, long budget, long timeSlice,
        Func<Machine, IAllocator>? allocator = null)
    {
        var together = RealSystem.Create(guests.Count, allocator, budget);
        var violations = new List<string>();
        var vms = guests.Select(together.Add).ToList();
        var canary = together.FillUnowned();
        try
        {
            together.Monitor.Run(budget, timeSlice);
        }
        catch (Exception e)
        {
            violations.Add($"the VMM threw: {e}");
        }
        violations.AddRange(together.Check.Violations);
        violations.AddRange(vms.Where(v => v.Guest.Vm.Error is not null).Select(v => $"VMM error: {v.Guest.Vm.Error}"));
        violations.AddRange(together.ChangedUnowned(canary));

        for (var i = 0; i < guests.Count; i++)
        {
            var alone = RealSystem.Create(1, null, budget);
            var reference = alone.Add(guests[i]);
            alone.Monitor.Run(budget, timeSlice);
            violations.AddRange(Differences(vms[i], reference).Select(d => $"{vms[i].Guest.Vm.Name} differs from its run alone: {d}"));
        }
        return violations;
    }

    private static IEnumerable<string> Differences(RunningGuest together, RunningGuest alone)
    {
        var (a, b) = (together.Guest.Vm, alone.Guest.Vm);
        foreach (var d in StateSnapshot.Capture(b.State).Diff(StateSnapshot.Capture(a.State)).Take(8)) yield return d.ToString();
        if (a.IsHalted != b.IsHalted) yield return $"halted {a.IsHalted}, alone {b.IsHalted}";
        if (a.Statistics.GuestInstructions != b.Statistics.GuestInstructions)
            yield return $"{a.Statistics.GuestInstructions} guest instructions, alone {b.Statistics.GuestInstructions}";
        var (consoleA, consoleB) = (together.Console.ToArray(), alone.Console.ToArray());
        if (!consoleA.SequenceEqual(consoleB)) yield return $"console {Convert.ToHexString(consoleA)}, alone {Convert.ToHexString(consoleB)}";
        var differing = 0;
        for (ulong address = 0; address < a.Ram.Size && differing < 4; address += 8)
        {
            var (x, y) = (a.Ram.Read(address, 8), b.Ram.Read(address, 8));
            if (x == y) continue;
            differing++;
            yield return $"guest-physical 0x{address:X5}: 0x{x:X16}, alone 0x{y:X16}";
        }
    }

    private sealed record RunningGuest(MaltaGuest Guest, MemoryStream Console);

    /// <summary>A real machine with room for <c>vms</c> hostile VMs and the slack after them, and its checked monitor.</summary>
    private sealed class RealSystem(VirtualMachineMonitor monitor, ResourceControlCheck check, MemoryStorage machine)
    {
        public VirtualMachineMonitor Monitor { get; } = monitor;

        public ResourceControlCheck Check { get; } = check;

        // A guest instruction costs at most a few traps (a fetch and a data refill, the trap itself): far fewer than 50.
        public static RealSystem Create(int vms, Func<Machine, IAllocator>? allocator, long budget)
        {
            var isa = MipsSpec.File.Isa;
            var cells = MipsAllocator.MachineMemoryFor(vms, HostileGuest.RamBytes) + (long)SlackBytes;
            var real = new Machine(isa, new MachineOptions { MemoryCells = new Dictionary<string, long> { [isa.Model.Roles.Storage.Name] = cells } });
            var check = new ResourceControlCheck(allocator?.Invoke(real) ?? Allocator(real), maxChecks: 50 * budget * vms);
            return new RealSystem(new VirtualMachineMonitor(check), check, real.State.Memory(isa.Model.Roles.Storage));
        }

        /// <summary>The MIPS allocator as `pgcheck run --vmm` sets it up: extents aligned for large shadow pages.</summary>
        public static MipsAllocator Allocator(Machine real) => new(real, MipsAllocator.ExtentAlignmentFor(HostileGuest.RamBytes));

        public RunningGuest Add(HostileGuest guest)
        {
            var console = new MemoryStream();
            var malta = MaltaGuest.Create(Monitor, HostileGuest.RamBytes, console, NoInput.Instance);
            guest.Load(malta);
            return new RunningGuest(malta, console);
        }

        /// <summary>Fills every machine byte outside the VMs' RAM with a pattern; returns it.</summary>
        public byte[] FillUnowned()
        {
            var canary = new byte[machine.CellCount];
            for (var i = 0; i < canary.Length; i++) canary[i] = (byte)(0xA5 ^ (i * 7));
            var bytes = machine.Bytes;
            for (var i = 0; i < canary.Length; i++)
                if (!Owned((ulong)i)) bytes[i] = canary[i];
            return canary;
        }

        public IEnumerable<string> ChangedUnowned(byte[] canary)
        {
            var bytes = machine.Bytes.ToArray();
            return Enumerable.Range(0, canary.Length)
                .Where(i => !Owned((ulong)i) && bytes[i] != canary[i])
                .Take(4)
                .Select(i => $"machine byte 0x{i:X}, owned by no VM, changed from 0x{canary[i]:X2} to 0x{bytes[i]:X2}");
        }

        private bool Owned(ulong address) =>
            Monitor.Machines.Any(vm => address >= vm.Ram.MachineAddress(0) && address - vm.Ram.MachineAddress(0) < vm.Ram.Size);
    }
}
