using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Virtualizability.Vmm.PgMachine;
using Xunit;

namespace Virtualizability.Vmm.Tests;

/// <summary>
/// R_real = R_alloc ∘ R_virtual is exact: an n-byte access at a is valid on the real machine if and only if the guest
/// allows it and it stays inside the VM's memory, and then it lands at machine base + (vl + a), inside the region.
/// </summary>
public class CompositionProperties
{
    private static Gen<ulong> Sixteen =>
        Gen.Frequency(
            (3, Gen.Choose(0, 0xFFFF).Select(v => (ulong)v)),
            (1, Gen.Elements<ulong>(0, 1, 3, 4, 0x3FFC, 0x3FFF, 0x4000, 0x4001, 0xFFFC, 0xFFFF)));

    private static Gen<(ulong Base, ulong Size)> Regions =>
        from size in Gen.Elements<ulong>(1, 4, 0x100, 0x1000, 0x4000, 0xFF00, 0x10000)
        from start in Gen.Choose(0, (int)(0x10000 - size)).Select(v => (ulong)v)
        select (start, size);

    [Property(MaxTest = 5000)]
    public Property A_real_access_is_valid_exactly_when_the_guest_allows_it_and_it_stays_in_the_VMs_memory() =>
        Prop.ForAll(Sixteen.Zip(Sixteen).Zip(Sixteen).Zip(Regions).Zip(Gen.Elements(1, 2, 4, 8)).ToArbitrary(), input =>
        {
            var ((((vl, vb), a), (start, size)), n) = input;
            var (l, b) = RelocationBoundsComposition.Compose(vl, vb, start, size, 16);

            var realValid = a + (ulong)n <= b;
            var guestValid = a + (ulong)n <= vb;
            var insideVm = vl + a + (ulong)n <= size;
            Assert.Equal(guestValid && insideVm, realValid);
            if (realValid)
            {
                var machine = (l + a) & 0xFFFF;
                Assert.Equal(start + vl + a, machine);
                Assert.True(machine >= start && machine + (ulong)n <= start + size);
            }
        });
}
