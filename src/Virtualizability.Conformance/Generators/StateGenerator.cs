namespace Virtualizability.Conformance.Generators;

/// <summary>Where the initial PC is and which mode the state is in.</summary>
internal enum Placement { Kseg0Kernel, KusegUser, KusegKernel, Kseg0Exl, KusegErl }

/// <summary>
/// Random machine states that both sides can represent: Status, Cause, EntryHi ... keep only bits that exist
/// on this 24Kc configuration (what MTC0 or hardware can put there); IntCtl and SRSCtl hold the spec's constants;
/// TLB entries are stored as a TLB write leaves them (VPN2 and PFN bits under the mask clear, G in both halves).
/// </summary>
internal static class StateGenerator
{
    public const uint UserProgramVa = 0x0040_0000;
    /// <summary>The 16550 of a Malta board (Machines.MaltaBus.UartBase).</summary>
    public const uint UartPhysical = 0x1800_03F8;
    /// <summary>The UART's transmit register through kseg1, as a kernel writes it.</summary>
    public const uint UartKseg1 = 0xA000_0000u + UartPhysical;
    private static readonly uint[] PageMasks = [0, 0x6000, 0x1_E000, 0x7_E000, 0x1F_E000, 0x7F_E000, 0x1FF_E000, 0x7FF_E000, 0x1FFF_E000];
    private static readonly uint[] UserRegions = [0x0040_0000, 0x1000_0000, 0x7FFF_E000, 0x0000_0000];
    private static readonly uint[] KernelMappedRegions = [0xC000_0000, 0xE000_0000, 0xFFFF_E000];

    public static (MipsState State, uint ProgramPa) Create(Draw d, Placement placement, int programWords)
    {
        uint ram = Harness.ConformanceCase.RamSize;
        var s = new MipsState();
        byte asid = (byte)(d.Chance(0.5) ? d.Int(4) : d.Int(256));

        for (int i = 0; i < Cp0Bits.TlbEntries; i++) s.Tlb[i] = RandomEntry(d, asid, ram);

        // Status: mode bits by placement, the rest random among the bits that exist.
        uint status = (d.Chance(0.3) ? Cp0Bits.StatusBEV : 0) | (d.Chance(0.5) ? Cp0Bits.StatusIE : 0)
            | (d.Chance(0.5) ? (uint)d.Int(256) << 8 : 0) | (d.Chance(0.3) ? Cp0Bits.StatusCU0 : 0)
            | (d.Chance(0.1) ? d.Word() & 0x0038_0000 : 0);
        status |= placement switch
        {
            Placement.KusegUser => 0x10u,
            Placement.Kseg0Exl => Cp0Bits.StatusEXL | (d.Chance(0.5) ? 0x10u : 0),
            Placement.KusegErl => Cp0Bits.StatusERL | (d.Chance(0.5) ? 0x10u : 0) | (d.Chance(0.3) ? Cp0Bits.StatusEXL : 0),
            _ => 0,
        };
        s.Status = status;

        uint programPa = (uint)d.Int(0x100, (int)(ram / 4) - programWords - 4) * 4;
        uint pc;
        if (placement is Placement.KusegUser or Placement.KusegKernel)
        {
            // Map the program's page pair through a valid, global-or-matching entry (4 KiB pages).
            uint pageBase = programPa & ~0xFFFu;
            uint va = UserProgramVa + (uint)d.Int(16) * 0x2000 + (d.Chance(0.5) ? 0x1000u : 0);
            bool odd = (va & 0x1000) != 0;
            uint lo = ((pageBase >> 12) << 6) | (uint)(d.Int(8) << 3) | 0x2 | (d.Chance(0.7) ? 0x4u : 0);
            bool global = d.Chance(0.5);
            uint g = global ? 1u : 0u;
            uint other = RandomLo(d, ram) & ~1u;
            var entry = new TlbEntry(
                (va & 0xFFFF_E000u) | asid, 0,
                (odd ? other : lo) | g, (odd ? lo : other) | g);
            s.Tlb[d.Chance(0.7) ? 0 : d.Int(Cp0Bits.TlbEntries)] = entry;
            // Keep the program inside its 4 KiB page: the other page of the pair maps elsewhere.
            uint offset = Math.Min(programPa & 0xFFF, 0x1000u - 4u * (uint)programWords - 4u);
            programPa = pageBase + offset;
            pc = va | offset;
        }
        else if (placement == Placement.KusegErl)
        {
            pc = programPa; // kuseg is unmapped while ERL = 1
        }
        else
        {
            pc = (d.Chance(0.8) ? 0x8000_0000u : 0xA000_0000u) + programPa;
        }
        s.JumpTo(pc);
        if (d.Chance(0.1))
        {
            s.InDelaySlot = true;
            s.NextPc = d.Chance(0.5) ? pc + 4u * (uint)d.Int(programWords + 1) : d.Word() & ~3u;
        }

        for (int i = 1; i < 32; i++) s.Gpr[i] = RegisterValue(d, s, pc, ram);
        s.Hi = d.Value();
        s.Lo = d.Value();
        s.LLbit = d.Chance(0.5);

        s.Index = (uint)d.Int(16) | (d.Chance(0.2) ? Cp0Bits.IndexProbeFailure : 0);
        s.Wired = (uint)(d.Chance(0.6) ? 0 : d.Int(16));
        s.Random = (uint)d.Int((int)s.Wired, 16);
        s.EntryLo0 = RandomLo(d, ram);
        s.EntryLo1 = RandomLo(d, ram);
        s.Context = d.Word() & 0xFFFF_FFF0;
        s.UserLocal = d.Value();
        s.PageMask = d.Pick(PageMasks);
        s.HWREna = d.Word() & 0x2000_000F;
        s.BadVAddr = d.Word();
        s.Count = d.Value();
        s.Compare = d.Chance(0.4) ? s.Count + (uint)d.Int(4) : d.Word();
        var existing = s.Tlb[d.Int(16)];
        s.EntryHi = d.Chance(0.6) ? (existing.EntryHi & 0xFFFF_E000u) | asid : (d.Word() & 0xFFFF_E000u) | asid;
        uint ip = (uint)(d.Chance(0.3) ? d.Int(256) : 0);
        bool timer = (ip & 0x80) != 0;
        s.Cause = (ip << 8) | (timer ? Cp0Bits.CauseTI : 0) | (d.Chance(0.2) ? Cp0Bits.CauseDC : 0)
            | (d.Chance(0.3) ? Cp0Bits.CauseIV : 0) | ((uint)d.Int(4) << Cp0Bits.CauseCEShift)
            | ((uint)d.Int(32) << Cp0Bits.CauseExcCodeShift & 0x7C) | (d.Chance(0.2) ? Cp0Bits.CauseBD : 0);
        s.EPC = d.Chance(0.5) ? pc + 4u * (uint)d.Int(programWords + 1) : d.Word();
        s.ErrorEPC = d.Chance(0.5) ? pc + 4u * (uint)d.Int(programWords + 1) : d.Word();
        s.EBase = 0x8000_0000u | (d.Chance(0.8) ? (uint)d.Int((int)(ram >> 12)) << 12 : d.Word() & 0x3FFF_F000u);
        s.Config0 = 0x8000_0480u | (uint)d.Int(8);
        s.LLAddr = d.Chance(0.5) ? (uint)d.Int((int)(ram >> 4)) : d.Word() >> 4;
        s.IntCtl = Bridge.StateBridge.SpecIntCtl;
        s.SRSCtl = Bridge.StateBridge.SpecSrsCtl;
        return (s, programPa);
    }

    private static uint RandomLo(Draw d, uint ram)
    {
        // Some pages map the Malta UART, so that mapped device accesses (emulated under a VMM) occur too.
        uint pfn = d.Chance(0.05) ? UartPhysical >> 12
            : d.Chance(0.8) ? (uint)d.Int((int)(ram >> 12)) : d.Word() & 0xF_FFFF;
        return (pfn << 6) | (d.Word() & 0x3F);
    }

    private static TlbEntry RandomEntry(Draw d, byte asid, uint ram)
    {
        uint mask = d.Chance(0.7) ? 0 : d.Pick(PageMasks);
        uint region = d.Chance(0.7) ? d.Pick(UserRegions) : d.Pick(KernelMappedRegions);
        uint vpn2 = (region + (uint)d.Int(32) * 0x2000u) & ~(mask | 0x1FFFu);
        if (d.Chance(0.1)) vpn2 = d.Word() & ~(mask | 0x1FFFu);
        byte entryAsid = d.Chance(0.6) ? asid : (byte)d.Int(256);
        uint g = d.Chance(0.3) ? 1u : 0u;
        uint pfnMask = ~(mask >> 7);
        uint lo0 = RandomLo(d, ram) & pfnMask & ~1u, lo1 = RandomLo(d, ram) & pfnMask & ~1u;
        return new TlbEntry(vpn2 | entryAsid, mask, lo0 | g, lo1 | g);
    }

    /// <summary>Pointers into RAM through every segment, pointers near the program, or interesting values.</summary>
    private static uint RegisterValue(Draw d, MipsState s, uint pc, uint ram)
    {
        uint inRam = (uint)d.Int((int)ram);
        switch (d.Int(8))
        {
            case 0: return 0x8000_0000u + inRam;
            case 1: return 0xA000_0000u + inRam;
            case 2:
            {
                var e = s.Tlb[d.Int(16)];
                return (e.EntryHi & 0xFFFF_E000u) + (uint)d.Int((int)(e.PairOffsetMask + 1));
            }
            case 3: return pc + 4u * (uint)d.Int(-8, 64);
            case 4: return inRam;
            // The UART's registers through kseg1 (the console of the three-way runs; zeros without a board).
            case 5 when d.Chance(0.3): return d.Chance(0.7) ? UartKseg1 : UartKseg1 + (uint)d.Int(8);
            default: return d.Value();
        }
    }
}
