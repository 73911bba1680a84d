using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Vmm.Mips;

/// <summary>One guest (or real) TLB entry: TLB_Hi, TLB_Mask, TLB_Lo0, TLB_Lo1.</summary>
public readonly record struct TlbEntryWords<T>(T Hi, T Mask, T Lo0, T Lo1);

/// <summary>A shadow entry's words: its PageMask, the two EntryLo words (machine PFNs), and the pair's first virtual address.</summary>
public readonly record struct ShadowWords<T>(T Mask, T Lo0, T Lo1, T PairBase);

/// <summary>
/// The shadow of a guest TLB entry, written once over any arithmetic (<see cref="IBitArithmetic{T, TBool}"/>): the
/// runtime computes it on machine words (<see cref="ShadowEntry.For"/>), the VMM proofs (Virtualizability.Proofs) on
/// SMT terms with the entry and address symbolic, so that what the proofs relate real to guest TLB entries by is this
/// code. The guest's entry is given by its words and, for the overlap check, which entries precede it.
/// </summary>
public static class ShadowEntryDefinition
{
    public const ulong Valid = 2, Dirty = 4, Global = 1, Cacheable = 2UL << 3;

    /// <summary>The PageMask bits an entry holds (28..13): the spec's and the hardware's lookup reads no others.</summary>
    public const ulong MaskBits = 0x1FFF_E000;

    private const ulong PageSize = 0x1000;

    /// <summary>
    /// The shadow of guest entry <paramref name="entry"/> (the guest's first match for <paramref name="va"/>) for the pair
    /// around <paramref name="va"/>. Its pages are as large as the guest's, but no larger than the alignment of the VM's
    /// machine extent (a real page needs a machine address aligned to its size) and never larger than 4 KiB where an
    /// earlier guest entry (<paramref name="isEarlier"/> of an index of <paramref name="tlb"/>) overlaps the pair (the
    /// guest's first match would then differ inside it). A half whose guest page is invalid or not wholly in RAM
    /// ([0, <paramref name="ramSize"/>) at machine <paramref name="ramBase"/>) is invalid: accesses there trap and are emulated.
    /// </summary>
    public static ShadowWords<T> For<T, TBool>(IBitArithmetic<T, TBool> w, IReadOnlyList<TlbEntryWords<T>> tlb, Func<int, TBool> isEarlier,
        T guestAsid, TlbEntryWords<T> entry, T va, T extentAlignment, T ramBase, T ramSize)
    {
        var span = Span(w, entry.Mask);
        var guestHalf = w.ShiftRight(w.Add(span, w.Word(1)), 1);
        // A PageMask that is no run of ones (MTC0 never writes one, but the lookup reads any) has pages that are no
        // intervals: only 4 KiB shadows, inside which every address maps alike, then follow the guest's translation.
        var contiguous = w.IsZero(w.And(span, w.Add(span, w.Word(1))));
        var size = w.IfThenElse(contiguous, ValidPageSize(w, w.Min(guestHalf, extentAlignment)), w.Word(PageSize));
        var overlapped = EarlierEntryOverlaps(w, tlb, isEarlier, guestAsid, w.And(va, w.Complement(w.Subtract(w.ShiftLeft(size, 1), w.Word(1)))), w.ShiftLeft(size, 1));
        size = w.IfThenElse(overlapped, w.Word(PageSize), size);
        var pairSpan = w.Subtract(w.ShiftLeft(size, 1), w.Word(1));
        var pair = w.And(va, w.Complement(pairSpan));
        T Lo(T half)
        {
            var lo = w.IfThenElse(w.IsZero(w.And(half, guestHalf)), entry.Lo0, entry.Lo1);
            var offset = w.Subtract(guestHalf, w.Word(1));
            var frame = w.ShiftLeft(w.And(w.ShiftRight(lo, 6), w.Word(0xF_FFFF)), 12);
            var physical = w.Or(w.And(frame, w.Complement(offset)), w.And(half, offset));
            var outsideRam = w.Any(w.Not(w.LessThan(physical, ramSize)), w.LessThan(w.Subtract(ramSize, physical), size));
            var machinePage = w.ShiftLeft(w.ShiftRight(w.Add(ramBase, physical), 12), 6);
            var shadow = w.Or(machinePage, w.Or(w.Word(Cacheable | Valid), w.And(lo, w.Word(Dirty))));
            return w.IfThenElse(w.Any(w.Clear(lo, Valid), outsideRam), w.Word(0), shadow);
        }
        return new ShadowWords<T>(w.And(pairSpan, w.Complement(w.Word(0x1FFF))), Lo(pair), Lo(w.Add(pair, size)), pair);
    }

    /// <summary>The bits of an address inside an entry's page pair (the spec's tlb_span).</summary>
    public static T Span<T, TBool>(IBitArithmetic<T, TBool> w, T mask) => w.Or(w.And(mask, w.Word(MaskBits)), w.Word(0x1FFF));

    /// <summary>TLB entry <paramref name="e"/> maps <paramref name="va"/> under ASID <paramref name="asid"/> (VPN2 above its span, global or that ASID).</summary>
    public static TBool Matches<T, TBool>(IBitArithmetic<T, TBool> w, TlbEntryWords<T> e, T va, T asid)
    {
        var above = w.Complement(Span(w, e.Mask));
        return w.All(w.Equal(w.And(va, above), w.And(e.Hi, above)),
            w.Any(w.Not(w.Clear(e.Lo0, Global)), w.Equal(w.And(e.Hi, w.Word(0xFF)), asid)));
    }

    // 4 KiB times a power of 4 (the sizes PageMask can hold), at most `bytes` (8 steps reach 256 MiB, the largest).
    private static T ValidPageSize<T, TBool>(IBitArithmetic<T, TBool> w, T bytes)
    {
        var size = w.Word(PageSize);
        for (var step = 0; step < 8; step++)
        {
            var larger = w.ShiftLeft(size, 2);
            size = w.IfThenElse(w.Not(w.LessThan(bytes, larger)), larger, size);
        }
        return size;
    }

    private static TBool EarlierEntryOverlaps<T, TBool>(IBitArithmetic<T, TBool> w, IReadOnlyList<TlbEntryWords<T>> tlb, Func<int, TBool> isEarlier,
        T asid, T start, T length)
    {
        var any = w.Constant(false);
        for (var j = 0; j < tlb.Count; j++)
        {
            var e = tlb[j];
            var considered = w.Any(w.Not(w.Clear(e.Lo0, Global)), w.Equal(w.And(e.Hi, w.Word(0xFF)), asid));
            // Entry j matches the addresses that agree with its VPN2 outside its span; the pair is every address that agrees
            // with start above length: they share one when the two agree where both are fixed (for runs of ones, above the larger).
            var bits = w.Complement(w.Or(Span(w, e.Mask), w.Subtract(length, w.Word(1))));
            any = w.Any(any, w.All(isEarlier(j), w.All(considered, w.Equal(w.And(start, bits), w.And(e.Hi, bits)))));
        }
        return any;
    }
}
