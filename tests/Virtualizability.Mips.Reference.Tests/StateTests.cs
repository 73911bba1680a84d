namespace Virtualizability.Mips.Reference.Tests;

public class StateTests
{
    [Fact]
    public void Hardware_reset_starts_at_the_boot_vector_with_bev_and_erl()
    {
        var state = MipsState.HardwareReset();
        Assert.Equal((0xBFC0_0000u, 0xBFC0_0004u), (state.Pc, state.NextPc));
        Assert.Equal(0x0040_0004u, state.Status);
        Assert.Equal((15u, 0u), (state.Random, state.Wired));
    }

    [Fact]
    public void Kernel_load_state_matches_what_qemu_reports_at_the_elf_entry()
    {
        var state = MipsState.AfterKernelLoad(0x8010_0000);
        Assert.Equal((0x8010_0000u, 0x0040_0000u, 0x8000_0000u, 0x8000_0482u),
            (state.Pc, state.Status, state.EBase, state.Config0));
    }

    [Fact]
    public void Clone_is_deep_and_diff_names_every_changed_value()
    {
        var original = MipsState.AfterKernelLoad(0x8000_0000);
        var copy = original.Clone();
        copy.Gpr[4] = 7;
        copy.Tlb[3] = new TlbEntry(0x2000, 0, 2, 2);
        copy.Status |= 1;
        Assert.Equal(0u, original.Gpr[4]);
        Assert.Equal(new TlbEntry(0x8000_6000, 0, 0, 0), original.Tlb[3]); // the reset value: a distinct, unmatchable kseg0 VPN2
        var diff = original.Diff(copy);
        Assert.Equal(3, diff.Count);
        Assert.Contains(diff, line => line.StartsWith("$a0: 0x00000000 != 0x00000007", StringComparison.Ordinal));
        Assert.Contains(diff, line => line.StartsWith("Status:", StringComparison.Ordinal));
        Assert.Contains(diff, line => line.StartsWith("TLB[3]:", StringComparison.Ordinal));
        Assert.True(original.StateEquals(original.Clone()));
    }

    [Fact]
    public void Memory_beyond_its_size_reads_zero_and_ignores_writes_and_diff_finds_changed_bytes()
    {
        var memory = new PhysicalMemory(0x1000);
        memory.Write(0xFFE, 4, 0xAABBCCDD);
        Assert.Equal(0x0000_CCDDu, memory.Read(0xFFE, 4));
        var copy = memory.Clone();
        copy.WriteByte(0x10, 0x5A);
        Assert.Equal(["mem[0x00000010]: 0x00 != 0x5A"], memory.Diff(copy));
    }
}
