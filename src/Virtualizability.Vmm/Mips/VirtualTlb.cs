using Virtualizability.Execution;

namespace Virtualizability.Vmm.Mips;

/// <summary>What the guest's own TLB says about one access.</summary>
internal enum GuestTranslation { Mapped, Refill, Invalid, Modified }

/// <summary>
/// The guest's TLB lookup, as the spec's tlb_translate does it on the virtual state: first matching entry (VPN2 above
/// the mask, global or same ASID), even/odd page by the span's top bit, then V and, for stores, D. The allocator uses
/// it to decide whether a real TLB fault is the guest's own or only a missing shadow entry.
/// </summary>
internal static class VirtualTlb
{
    public static GuestTranslation Translate(MipsRegisters r, MachineState guest, ulong va, bool store, out ulong physical, out bool dirty, out int entry)
    {
        physical = 0;
        dirty = false;
        entry = -1;
        var hi = MipsRegisters.Slice(guest, r.TlbHi);
        var mask = MipsRegisters.Slice(guest, r.TlbMask);
        var lo0 = MipsRegisters.Slice(guest, r.TlbLo0);
        var lo1 = MipsRegisters.Slice(guest, r.TlbLo1);
        var asid = guest.GetRegister(r.EntryHi) & MipsRegisters.AsidMask;
        for (var i = 0; i < hi.Length; i++)
        {
            var span = (mask[i] & ShadowEntryDefinition.MaskBits) | 0x1FFF;   // the bits an entry holds, as the spec reads them
            if ((va & ~span & 0xFFFF_FFFF) != (hi[i] & ~span & 0xFFFF_FFFF)) continue;
            if ((lo0[i] & 1) == 0 && (hi[i] & MipsRegisters.AsidMask) != asid) continue;
            entry = i;
            var pageMask = span >> 1;
            var lo = (va & (pageMask + 1)) == 0 ? lo0[i] : lo1[i];
            if ((lo & 2) == 0) return GuestTranslation.Invalid;
            dirty = (lo & 4) != 0;
            if (store && !dirty) return GuestTranslation.Modified;
            physical = ((((lo >> 6) & 0xF_FFFF) << 12) & ~pageMask & 0xFFFF_FFFF) | (va & pageMask);
            return GuestTranslation.Mapped;
        }
        return GuestTranslation.Refill;
    }
}
