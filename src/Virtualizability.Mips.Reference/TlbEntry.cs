namespace Virtualizability.Mips.Reference;

/// <summary>
/// One JTLB entry, stored in the layout of the CP0 registers TLBWI copies it from, so that
/// TLBR is the identity and two TLBs compare field by field.
/// <list type="bullet">
/// <item><see cref="EntryHi"/>: VPN2 (bits 31..13) and ASID (bits 7..0).</item>
/// <item><see cref="PageMask"/>: Mask (bits 28..13).</item>
/// <item><see cref="EntryLo0"/>/<see cref="EntryLo1"/>: PFN (bits 25..6), C (5..3), D (2), V (1), G (0).
/// The G bit of both halves holds the entry's single global flag: TLBWI writes
/// EntryLo0.G AND EntryLo1.G into both (Vol. III, 9.6 "EntryLo0, EntryLo1").</item>
/// </list>
/// </summary>
public readonly record struct TlbEntry(uint EntryHi, uint PageMask, uint EntryLo0, uint EntryLo1)
{
    public uint Vpn2 => EntryHi & 0xFFFF_E000u;
    public byte Asid => (byte)EntryHi;
    public bool Global => (EntryLo0 & 1) != 0 && (EntryLo1 & 1) != 0;

    /// <summary>Bits of a virtual address that are ignored when comparing VPN2: the page offset of the pair plus the mask.</summary>
    public uint PairOffsetMask => PageMask | 0x1FFFu;

    public override string ToString() =>
        $"EntryHi=0x{EntryHi:X8} PageMask=0x{PageMask:X8} EntryLo0=0x{EntryLo0:X8} EntryLo1=0x{EntryLo1:X8}";
}
