namespace Virtualizability.Vmm.Mips;

/// <summary>
/// Disco's second-level software TLB, per VM: translations (guest ASID, virtual 4 KiB page) → the shadow entry that
/// the allocator derived from the guest's TLB. The real TLB has 16 entries shared by every VM and is flushed on a
/// world switch; this keeps thousands, so a real refill of a translation the guest's TLB still holds is answered
/// by a lookup here and a Retry, without walking the guest's TLB or entering the guest. It caches the guest's TLB
/// exactly: any change of the guest's TLB empties it, so a page the guest unmapped never stays reachable.
/// </summary>
internal sealed class SoftwareTlb
{
    private const int Capacity = 1 << 14;
    private readonly Dictionary<ulong, ShadowEntry> _entries = new();
    private readonly ulong[] _guestTlb;

    public SoftwareTlb(int guestTlbWords) => _guestTlb = new ulong[guestTlbWords];

    public int Count => _entries.Count;

    public bool TryGet(ulong guestAsid, ulong va, out ShadowEntry shadow) => _entries.TryGetValue(Key(guestAsid, va), out shadow);

    public void Add(ulong guestAsid, ulong va, ShadowEntry shadow)
    {
        // Bounded by starting over: entries are only a cache of the guest's TLB.
        if (_entries.Count >= Capacity) _entries.Clear();
        _entries[Key(guestAsid, va)] = shadow;
    }

    /// <summary>
    /// True when the guest's TLB (TLB_Hi, TLB_Mask, TLB_Lo0, TLB_Lo1 in that order) differs from what this cache was
    /// built from; the cache is then emptied and remembers the new contents.
    /// </summary>
    public bool Revalidate(ReadOnlySpan<ulong> hi, ReadOnlySpan<ulong> mask, ReadOnlySpan<ulong> lo0, ReadOnlySpan<ulong> lo1)
    {
        var n = hi.Length;
        var cached = _guestTlb.AsSpan();
        if (cached[..n].SequenceEqual(hi) && cached.Slice(n, n).SequenceEqual(mask)
            && cached.Slice(2 * n, n).SequenceEqual(lo0) && cached.Slice(3 * n, n).SequenceEqual(lo1)) return false;
        hi.CopyTo(cached);
        mask.CopyTo(cached[n..]);
        lo0.CopyTo(cached[(2 * n)..]);
        lo1.CopyTo(cached[(3 * n)..]);
        _entries.Clear();
        return true;
    }

    private static ulong Key(ulong guestAsid, ulong va) => (guestAsid << 20) | ((va >> 12) & 0xF_FFFF);
}
