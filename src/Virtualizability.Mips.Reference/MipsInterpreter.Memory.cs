using static Virtualizability.Mips.Reference.Cp0Bits;

namespace Virtualizability.Mips.Reference;

internal enum AccessKind { Fetch, Load, Store }

/// <summary>Operating modes and virtual-to-physical translation (Vol. III chapter 4), and data accesses.</summary>
public sealed partial class MipsInterpreter
{
    /// <summary>Kernel mode: Status.EXL or ERL set, or UM = 0 (Vol. III 3.2; the 24K has no supervisor mode).</summary>
    internal bool InKernelMode => (State.Status & (StatusEXL | StatusERL)) != 0 || (State.Status & StatusUM) == 0;

    /// <summary>CP0 instructions are allowed in kernel mode or when Status.CU0 is set (Vol. III 9.13, CU field).</summary>
    internal bool Cp0Usable => InKernelMode || (State.Status & StatusCU0) != 0;

    /// <summary>
    /// Translates a virtual address (Vol. III 4.3, Table 4.1 and 4.2): kseg0/kseg1 subtract their base,
    /// kuseg is unmapped while ERL = 1, everything else goes through the TLB. Outside kernel mode only
    /// useg is accessible (there is no supervisor mode); other addresses raise an address error.
    /// </summary>
    internal uint Translate(uint va, AccessKind kind)
    {
        bool store = kind == AccessKind.Store;
        if (!InKernelMode)
        {
            if (va >= 0x8000_0000u) throw new GuestException(store ? ExceptionCode.AddressErrorStore : ExceptionCode.AddressErrorLoad) { BadVAddr = va, RecordsPage = true };
            return TranslateThroughTlb(va, store);
        }
        if (va < 0x8000_0000u)
            return (State.Status & StatusERL) != 0 ? va : TranslateThroughTlb(va, store);
        if (va < 0xA000_0000u) return va - 0x8000_0000u; // kseg0
        if (va < 0xC000_0000u) return va - 0xA000_0000u; // kseg1
        return TranslateThroughTlb(va, store);             // kseg2 (sseg) and kseg3
    }

    /// <summary>
    /// The JTLB lookup of Vol. III 4.9.1: the lowest-numbered matching entry wins (multiple matches would be
    /// a Machine Check on hardware; TLBWI/TLBWR do not check for them here). No match is a TLB refill, a match
    /// with V = 0 is TLB invalid, a store to a page with D = 0 is TLB modified.
    /// </summary>
    private uint TranslateThroughTlb(uint va, bool store)
    {
        byte asid = (byte)State.EntryHi;
        foreach (var entry in State.Tlb)
        {
            uint ignored = entry.PairOffsetMask;
            if ((va & ~ignored) != (entry.EntryHi & ~ignored)) continue;
            if (!entry.Global && entry.Asid != asid) continue;

            uint pageSize = (ignored + 1) >> 1;
            uint entryLo = (va & pageSize) != 0 ? entry.EntryLo1 : entry.EntryLo0;
            bool valid = (entryLo & 2) != 0, dirty = (entryLo & 4) != 0;
            if (!valid) throw TlbException(va, store, refill: false);
            if (store && !dirty)
                throw new GuestException(ExceptionCode.TlbModified) { BadVAddr = va, IsTlb = true };
            uint frame = ((entryLo >> 6) & 0x000F_FFFFu) << 12;
            return (frame & ~(pageSize - 1)) | (va & (pageSize - 1));
        }
        throw TlbException(va, store, refill: true);
    }

    private static GuestException TlbException(uint va, bool store, bool refill) =>
        new(store ? ExceptionCode.TlbStore : ExceptionCode.TlbLoad) { BadVAddr = va, IsTlb = true, IsTlbRefill = refill };

    private static GuestException AddressError(uint va, bool store) =>
        new(store ? ExceptionCode.AddressErrorStore : ExceptionCode.AddressErrorLoad) { BadVAddr = va };

    private uint LoadData(uint va, int size)
    {
        if ((va & (uint)(size - 1)) != 0) throw AddressError(va, store: false);
        return Bus.Read(Translate(va, AccessKind.Load), size);
    }

    private void StoreData(uint va, int size, uint value)
    {
        if ((va & (uint)(size - 1)) != 0) throw AddressError(va, store: true);
        Bus.Write(Translate(va, AccessKind.Store), size, value);
    }

    /// <summary>
    /// LWL/LWR, little-endian (Vol. II LWL/LWR): the aligned word containing <paramref name="va"/> is read;
    /// LWL puts its bytes 0..b into the top b+1 bytes of rt, LWR puts bytes b..3 into the low 4-b bytes,
    /// where b = va &amp; 3. The other bytes of rt are kept.
    /// </summary>
    private uint LoadWordPart(uint va, uint rt, bool left)
    {
        int b = (int)(va & 3);
        // The unaligned address itself is translated, so a TLB or address error reports it in BadVAddr
        // (Vol. III: BadVAddr holds the failing virtual address; QEMU probes it with a byte access first).
        uint memory = Bus.Read(Translate(va, AccessKind.Load) & ~3u, 4);
        if (left)
        {
            int shift = 8 * (3 - b);
            uint keep = shift == 0 ? 0 : (1u << shift) - 1;
            return (memory << shift) | (rt & keep);
        }
        else
        {
            int shift = 8 * b;
            uint keep = shift == 0 ? 0 : ~(0xFFFF_FFFFu >> shift);
            return (memory >> shift) | (rt & keep);
        }
    }

    /// <summary>
    /// SWL/SWR, little-endian: SWL stores the top b+1 bytes of rt into bytes 0..b of the aligned word,
    /// SWR stores the low 4-b bytes into bytes b..3. Written byte by byte so a device sees only the bytes stored.
    /// </summary>
    private void StoreWordPart(uint va, uint rt, bool left)
    {
        int b = (int)(va & 3);
        uint pa = Translate(va, AccessKind.Store) & ~3u; // BadVAddr = the unaligned address, as for LWL/LWR
        if (left)
            for (int i = 0; i <= b; i++) Bus.Write(pa + (uint)i, 1, (rt >> (8 * (3 - b + i))) & 0xFF);
        else
            for (int i = b; i <= 3; i++) Bus.Write(pa + (uint)i, 1, (rt >> (8 * (i - b))) & 0xFF);
    }
}
