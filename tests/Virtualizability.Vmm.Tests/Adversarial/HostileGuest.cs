using Virtualizability.Vmm.Mips;

namespace Virtualizability.Vmm.Tests.Adversarial;

/// <summary>One guest TLB entry as the guest's TLBWI would have left it (EntryHi, PageMask, EntryLo0, EntryLo1).</summary>
public sealed record GuestTlbEntry(uint Hi, uint Mask, uint Lo0, uint Lo1)
{
    public override string ToString() => $"{Hi:X8}/{Mask:X8}/{Lo0:X8}/{Lo1:X8}";
}

/// <summary>
/// A MIPS guest that tries to escape its VM: random code repeated over the first 8 KiB of its RAM (so that the exception
/// vectors at guest-physical 0x000, 0x180 and 0x200 run it too), hostile values in every general register, a starting
/// Status, PC and ASID, and a guest TLB that may map pages beyond the VM's RAM. <see cref="Load"/> puts it into a VM.
/// </summary>
public sealed record HostileGuest(uint[] Code, uint[] Registers, uint Status, uint Pc, uint EntryHi, GuestTlbEntry[] Tlb)
{
    /// <summary>RAM of every hostile VM: 16 pages, so that the VMs' extents are close together in machine memory.</summary>
    public const long RamBytes = 0x10000;

    /// <summary>Guest-physical bytes filled with the code.</summary>
    public const uint CodeBytes = 0x2000;

    public void Load(MaltaGuest guest)
    {
        var vm = guest.Vm;
        for (uint a = 0; a < CodeBytes; a += 4) vm.WriteGuestPhysical(a, 4, Code[a / 4 % Code.Length]);
        var state = vm.State;
        for (var r = 1; r < 32; r++) state.SetRegister("GPR", r, Registers[r - 1]);
        state.SetRegister("Status", Status);
        state.SetRegister("EBase", 0x8000_0000);
        state.SetRegister("EntryHi", EntryHi);
        state.SetRegister("PC", Pc);
        for (var i = 0; i < Tlb.Length; i++)
        {
            state.SetRegister("TLB_Hi", i, Tlb[i].Hi);
            state.SetRegister("TLB_Mask", i, Tlb[i].Mask);
            state.SetRegister("TLB_Lo0", i, Tlb[i].Lo0);
            state.SetRegister("TLB_Lo1", i, Tlb[i].Lo1);
        }
    }

    public override string ToString() =>
        $"Status {Status:X8}, PC {Pc:X8}, EntryHi {EntryHi:X8}\n  GPR1..31: {string.Join(" ", Registers.Select(r => r.ToString("X8")))}\n" +
        $"  TLB: {string.Join(" ", Tlb.Select(e => e.ToString()))}\n  code: {string.Join(" ", Code.Select(w => w.ToString("X8")))}";
}
