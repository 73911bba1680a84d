using FsCheck;
using FsCheck.Fluent;
using Virtualizability.Vmm.Tests.Guests;

namespace Virtualizability.Vmm.Tests.Adversarial;

/// <summary>
/// Generators of <see cref="HostileGuest"/>s. Their values aim where a VMM leaks: addresses just beyond the VM's RAM and
/// where the other VMs' RAM lies in machine memory (64 KiB extents aligned to 64 KiB from machine 0x10000), the reserved first extent,
/// the devices, unaligned and kernel-segment addresses; EntryLo PFNs naming those pages, global and large pages; Status
/// values that leave or re-enter kernel mode, set CU0, ERL or interrupts. The code is biased towards loads and stores
/// through those registers, MTC0 to the mode and TLB registers, TLB writes, ERET, WAIT, CACHE and jumps.
/// </summary>
public static class HostileGuests
{
    private static readonly SpecFile Spec = MipsSpec.File;

    // Guest pages beyond its 16 (other VMs' extents if the pmap were naive), page 0, the slack after the last VM, devices.
    private static readonly uint[] HostilePages = [0x0, 0x1, 0xF, 0x10, 0x11, 0x20, 0x21, 0x30, 0x31, 0x40, 0x18000, 0x1F000, 0x1FC00, 0xFFFFF];

    private static readonly uint[] HostileAddresses =
    [
        0x8000_0000, 0x8000_0180, 0x8000_FFFC, 0x8001_0000, 0x8001_1000, 0x8002_1000, 0x8003_1000, 0x8003_FFFC, 0x9FFF_FFFC,
        0xA000_0000, 0xA001_0000, 0xA002_1000, 0xB800_03F8, 0xBF00_0500, 0xBFC0_0010, 0xC000_0000, 0xE000_0000, 0xFFFF_FFFC,
        0x0000_0000, 0x0000_0400, 0x0000_1FFD, 0x0000_2000, 0x0000_3000, 0x0001_0000, 0x0040_0000, 0x7FFF_FFFC, 0x0000_0002,
    ];

    private static readonly uint[] Statuses =
        [0x0040_0000, 0x0, 0x10, 0x11, 0x8011, 0xFF11, 0x1000_0010, 0x12, 0x13, 0x4, 0x14, 0x0040_0004, 0xFFFF_FFFF];

    private static readonly uint[] PageMasks = [0, 0x6000, 0x1_E000, 0x1FE000, 0x01FF_E000, 0x1FFF_E000];

    private static Gen<uint> Any => Gen.Choose(int.MinValue, int.MaxValue).Select(v => (uint)v);

    private static Gen<uint> EntryLo =>
        from page in Gen.Elements(HostilePages)
        from flags in Gen.Elements<uint>(0x6, 0x7, 0x2, 0x0, 0x1, 0x1E, 0x3F)
        select (page << 6) | flags;

    private static Gen<uint> EntryHi =>
        from vpn in Gen.Elements<uint>(0x0, 0x2000, 0x4000, 0x0040_0000, 0x7FFF_E000, 0x8000_0000, 0xC000_0000)
        from asid in Gen.Frequency((3, Gen.Constant(0u)), (2, Gen.Elements<uint>(1, 2, 255)))
        select vpn | asid;

    /// <summary>A general register's value: mostly hostile addresses and resource values.</summary>
    public static Gen<uint> Value =>
        Gen.Frequency(
            (6, Gen.Elements(HostileAddresses)),
            (2, EntryLo),
            (2, EntryHi),
            (2, Gen.Elements(Statuses)),
            (1, Gen.Elements(PageMasks)),
            (2, Gen.Choose(0, 16).Select(v => (uint)v)),
            (1, Gen.Elements<uint>(0x8000_0000, 50, 200)),
            (2, Any));

    private static Gen<ulong> Register => Gen.Choose(1, 31).Select(v => (ulong)v);

    private static Gen<ulong> Offset =>
        Gen.Frequency((4, Gen.Elements<ulong>(0, 4, 0xFFFC, 1, 2, 0x7FFC, 0x8000, 0x180)), (1, Gen.Choose(0, 0xFFFF).Select(v => (ulong)v)));

    private static Gen<uint> Encoded(string instruction, params Gen<(string, ulong)>[] fields) =>
        (fields.Length == 0 ? Gen.Constant(Array.Empty<(string, ulong)>()) : Gen.CollectToArray(fields))
            .Select(values => (uint)Spec.Encode(instruction, values));

    private static Gen<(string, ulong)> Field(string name, Gen<ulong> values) => values.Select(v => (name, v));

    private static Gen<uint> LoadOrStore =>
        Gen.Elements("LB", "LBU", "LH", "LHU", "LW", "SB", "SH", "SW", "LWL", "LWR", "SWL", "SWR", "LL", "SC")
            .SelectMany(name => Encoded(name, Field("base", Register), Field("rt", Register), Field("offset", Offset)));

    // (register, select) of CP0: Index, EntryLo0/1, Context, PageMask, Wired, Count, EntryHi, Compare, Status, Cause, EPC,
    // EBase, Config0, LLAddr, ErrorEPC, and one that does not exist.
    private static Gen<(ulong Rd, ulong Sel)> Cp0 =>
        Gen.Elements<(ulong, ulong)>((0, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (9, 0), (10, 0), (11, 0), (12, 0), (13, 0),
            (14, 0), (15, 1), (16, 0), (17, 0), (30, 0), (23, 0));

    private static Gen<uint> Cp0Move(string name) =>
        from cp0 in Cp0
        from rt in Register
        select (uint)Spec.Encode(name, ("rt", rt), ("rd", cp0.Rd), ("sel", cp0.Sel));

    private static Gen<uint> Privileged =>
        Gen.OneOf(
            Encoded("TLBWI"), Encoded("TLBWR"), Encoded("TLBP"), Encoded("TLBR"), Encoded("ERET"),
            Encoded("WAIT"), Encoded("DI", Field("rt", Register)), Encoded("EI", Field("rt", Register)),
            Encoded("CACHE", Field("base", Register), Field("op", Gen.Choose(0, 31).Select(v => (ulong)v)), Field("offset", Offset)));

    private static Gen<uint> Control =>
        Gen.OneOf(
            Encoded("JR", Field("rs", Register)),
            Encoded("JALR", Field("rs", Register), Field("rd", Register)),
            Encoded("J", Field("target", Gen.Elements<ulong>(0, 0x100, 0x60, 0x3FF_FFFF, 0x200_0000))),
            Encoded("BEQ", Field("rs", Register), Field("rt", Register), Field("offset", Gen.Elements<ulong>(0, 1, 0xFFFF, 0xFFFE, 0x7F))),
            Encoded("SYSCALL"), Encoded("BREAK"), Encoded("SYNC"));

    private static Gen<uint> Arithmetic =>
        Gen.OneOf(
            Encoded("LUI", Field("rt", Register), Field("imm", Gen.Elements<ulong>(0x8000, 0x8001, 0x8002, 0x8003, 0xA000, 0xBF00, 0x0040, 0, 0x1FFF))),
            Encoded("ORI", Field("rs", Register), Field("rt", Register), Field("imm", Gen.Elements<ulong>(0x6, 0x7, 0x10, 0x13, 0x1000, 0x0500, 0xFFFC))),
            Encoded("ADDIU", Field("rs", Register), Field("rt", Register), Field("imm", Offset)));

    public static Gen<uint> Word =>
        Gen.Frequency(
            (6, LoadOrStore),
            (4, Cp0Move("MTC0")),
            (1, Cp0Move("MFC0")),
            (4, Privileged),
            (2, Control),
            (2, Arithmetic),
            (2, Any));

    private static Gen<GuestTlbEntry> TlbEntry(int index) =>
        Gen.Frequency(
            // As after reset: a kseg0 VPN2 nothing looks up.
            (2, Gen.Constant(new GuestTlbEntry(0x8000_0000u + (uint)index * 0x2000, 0, 0, 0))),
            (3, from hi in EntryHi from mask in Gen.Elements(PageMasks) from lo0 in EntryLo from lo1 in EntryLo
                select new GuestTlbEntry(hi, mask, lo0, lo1)));

    public static Gen<HostileGuest> Guest =>
        from length in Gen.Choose(4, 64)
        from code in Word.ArrayOf(length)
        from registers in Value.ArrayOf(31)
        // Half the guests start in user mode at the code's kuseg mapping (TLB entry 0): their code runs directly.
        from user in Gen.Elements(true, false)
        from status in user ? Gen.Elements<uint>(0x10, 0x11, 0x8011, 0xFF11) : Gen.Elements(Statuses)
        // kseg0 and kseg1 aliases of the code, its kuseg mapping, or a hostile address.
        from pc in user ? Gen.Constant(0x0000_0400u) : Gen.Frequency((3, Gen.Elements<uint>(0x8000_0400, 0x0000_0400, 0xA000_0400)), (1, Gen.Elements(HostileAddresses)))
        from asid in Gen.Elements<uint>(0, 1, 255)
        // Entry 0 maps kuseg 0..8 KiB to the code (global or at the starting ASID); the others are hostile.
        from global in Gen.Elements(true, false)
        from others in Gen.CollectToArray(Enumerable.Range(1, 15).Select(TlbEntry))
        select new HostileGuest(code, registers, status, pc, asid,
            [new GuestTlbEntry(global ? 0 : asid, 0, global ? 0x7u : 0x6u, (1u << 6) | (global ? 0x7u : 0x6u)), .. others]);
}
