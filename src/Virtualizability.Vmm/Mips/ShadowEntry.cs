using Virtualizability.Execution;

namespace Virtualizability.Vmm.Mips;

/// <summary>One real TLB entry for a guest page pair: PageMask and the two EntryLo words (machine PFNs); VPN2 follows from any address in it.</summary>
internal readonly record struct ShadowEntry(ulong Mask, ulong Lo0, ulong Lo1)
{
    public const ulong Valid = 2, Dirty = 4, Cacheable = 2UL << 3;

    /// <summary>The EntryLo of the half that holds <paramref name="va"/>.</summary>
    public ulong Half(ulong va) => (va & ((Mask | 0x1FFF) + 1) / 2) == 0 ? Lo0 : Lo1;

    /// <summary>The pair's first virtual address.</summary>
    public ulong Base(ulong va) => va & ~(Mask | 0x1FFF) & 0xFFFF_FFFF;

    /// <summary>
    /// The shadow of guest TLB entry <paramref name="entry"/> (the guest's first match for <paramref name="va"/>) for the
    /// pair around <paramref name="va"/>. Its pages are as large as the guest's, but no larger than the alignment of the
    /// VM's machine extent (a real page needs a machine address aligned to its size) and never larger than 4 KiB where an
    /// earlier guest entry overlaps the pair (the guest's first match would then differ inside it). A half whose guest
    /// page is invalid or not wholly in RAM is invalid: accesses there trap and are emulated.
    /// </summary>
    public static ShadowEntry For(MipsRegisters r, MachineState guest, VirtualMachine vm, ulong extentAlignment, ulong va, int entry)
    {
        var hi = MipsRegisters.Slice(guest, r.TlbHi);
        var masks = MipsRegisters.Slice(guest, r.TlbMask);
        var lo0 = MipsRegisters.Slice(guest, r.TlbLo0);
        var lo1 = MipsRegisters.Slice(guest, r.TlbLo1);
        var guestHalf = ((masks[entry] | 0x1FFF) + 1) / 2;
        var size = ValidPageSize(Math.Min(guestHalf, extentAlignment));
        if (EarlierEntryOverlaps(hi, masks, lo0, guest.GetRegister(r.EntryHi) & MipsRegisters.AsidMask, entry, va & ~(2 * size - 1), 2 * size))
            size = MipsAllocator.PageSize;
        var pair = va & ~(2 * size - 1) & 0xFFFF_FFFF;
        var (guestLo0, guestLo1) = (lo0[entry], lo1[entry]);
        ulong Lo(ulong half)
        {
            var lo = (half & guestHalf) == 0 ? guestLo0 : guestLo1;
            if ((lo & Valid) == 0) return 0;
            var physical = ((((lo >> 6) & 0xF_FFFF) << 12) & ~(guestHalf - 1)) | (half & (guestHalf - 1));
            if (physical >= vm.Ram.Size || vm.Ram.Size - physical < size) return 0;
            return ((vm.Ram.MachineAddress(physical) >> 12) << 6) | Cacheable | (lo & Dirty) | Valid;
        }
        return new ShadowEntry((2 * size - 1) & ~0x1FFFUL, Lo(pair), Lo(pair + size));
    }

    // 4 KiB times a power of 4 (the sizes PageMask can hold), at most `bytes`.
    private static ulong ValidPageSize(ulong bytes)
    {
        var size = MipsAllocator.PageSize;
        while (size * 4 <= bytes) size *= 4;
        return size;
    }

    // Aligned power-of-two ranges intersect only when one holds the other: compare above the larger one's bits.
    private static bool EarlierEntryOverlaps(ReadOnlySpan<ulong> hi, ReadOnlySpan<ulong> masks, ReadOnlySpan<ulong> lo0, ulong asid, int entry, ulong start, ulong length)
    {
        for (var j = 0; j < entry; j++)
        {
            if ((lo0[j] & 1) == 0 && (hi[j] & MipsRegisters.AsidMask) != asid) continue;
            var bits = Math.Max(masks[j] | 0x1FFF, length - 1);
            if ((start & ~bits & 0xFFFF_FFFF) == (hi[j] & ~bits & 0xFFFF_FFFF)) return true;
        }
        return false;
    }
}
