using Virtualizability.Execution;
using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Vmm.Mips;

/// <summary>One real TLB entry for a guest page pair: PageMask and the two EntryLo words (machine PFNs); VPN2 follows from any address in it.</summary>
internal readonly record struct ShadowEntry(ulong Mask, ulong Lo0, ulong Lo1)
{
    public const ulong Valid = ShadowEntryDefinition.Valid, Dirty = ShadowEntryDefinition.Dirty;

    /// <summary>The EntryLo of the half that holds <paramref name="va"/>.</summary>
    public ulong Half(ulong va) => (va & ((Mask | 0x1FFF) + 1) / 2) == 0 ? Lo0 : Lo1;

    /// <summary>The pair's first virtual address.</summary>
    public ulong Base(ulong va) => va & ~(Mask | 0x1FFF) & 0xFFFF_FFFF;

    /// <summary>
    /// The shadow of guest TLB entry <paramref name="entry"/> (the guest's first match for <paramref name="va"/>) for the
    /// pair around <paramref name="va"/>: <see cref="ShadowEntryDefinition.For{T, TBool}"/> on this VM's words.
    /// </summary>
    public static ShadowEntry For(MipsRegisters r, MachineState guest, VirtualMachine vm, ulong extentAlignment, ulong va, int entry)
    {
        var w = MachineBitArithmetic.Word32;
        var tlb = GuestTlb(r, guest);
        var words = ShadowEntryDefinition.For(w, tlb, j => j < entry, guest.GetRegister(r.EntryHi) & MipsRegisters.AsidMask, tlb[entry],
            va, extentAlignment, vm.Ram.MachineAddress(0), vm.Ram.Size);
        return new ShadowEntry(words.Mask, words.Lo0, words.Lo1);
    }

    private static TlbEntryWords<ulong>[] GuestTlb(MipsRegisters r, MachineState guest)
    {
        var hi = MipsRegisters.Slice(guest, r.TlbHi);
        var masks = MipsRegisters.Slice(guest, r.TlbMask);
        var lo0 = MipsRegisters.Slice(guest, r.TlbLo0);
        var lo1 = MipsRegisters.Slice(guest, r.TlbLo1);
        var tlb = new TlbEntryWords<ulong>[hi.Length];
        for (var i = 0; i < tlb.Length; i++) tlb[i] = new TlbEntryWords<ulong>(hi[i], masks[i], lo0[i], lo1[i]);
        return tlb;
    }
}
