using Virtualizability.Execution;
using Xunit;

namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>Popek and Goldberg's equivalence, checked on outcomes: the VM's final virtual state equals the bare machine's.</summary>
public static class Equivalence
{
    /// <summary>Differences between the bare machine and the VM: registers, halt status, then guest memory [0, size).</summary>
    public static IReadOnlyList<string> Differences(Machine bare, VirtualMachine vm)
    {
        var differences = StateSnapshot.Capture(bare.State).Diff(StateSnapshot.Capture(vm.State)).Select(d => d.ToString()).ToList();
        if (bare.IsHalted != vm.IsHalted) differences.Add($"halted: bare {bare.IsHalted}, vm {vm.IsHalted}");
        var storage = bare.State.Memory(PgSpec.Storage);
        var size = Math.Min(vm.Ram.Size, (ulong)storage.CellCount);
        for (ulong a = 0; a < size && differences.Count < 32; a++)
        {
            var (expected, actual) = (storage.ReadCell(a), vm.ReadGuestPhysical(a, 1));
            if (expected != actual) differences.Add($"E[0x{a:X4}]: bare 0x{expected:X2}, vm 0x{actual:X2}");
        }
        return differences;
    }

    public static void AssertSame(Machine bare, VirtualMachine vm) => Assert.Empty(Differences(bare, vm));
}
