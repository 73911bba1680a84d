namespace Virtualizability.Mips.Reference;

/// <summary>Bit positions and fixed values of the CP0 registers of a 24Kc without FPU (Vol. III, chapter 9).</summary>
public static class Cp0Bits
{
    // Status (Vol. III 9.13)
    public const uint StatusIE = 1u << 0;
    public const uint StatusEXL = 1u << 1;
    public const uint StatusERL = 1u << 2;
    /// <summary>UM (bit 4): user mode. The 24K has no supervisor mode, so bit 3 of the KSU field reads 0 (24K SUM, Status).</summary>
    public const uint StatusUM = 1u << 4;
    public const uint StatusIM = 0xFFu << 8;
    public const uint StatusNMI = 1u << 19;
    public const uint StatusSR = 1u << 20;
    public const uint StatusTS = 1u << 21;
    public const uint StatusBEV = 1u << 22;
    public const uint StatusCU0 = 1u << 28;

    // Cause (Vol. III 9.14)
    public const int CauseExcCodeShift = 2;
    public const uint CauseExcCode = 0x1Fu << CauseExcCodeShift;
    public const int CauseIPShift = 8;
    public const uint CauseIP = 0xFFu << CauseIPShift;
    public const uint CauseIP7 = 1u << 15;
    public const uint CauseIV = 1u << 23;
    public const uint CauseDC = 1u << 27;
    public const int CauseCEShift = 28;
    public const uint CauseCE = 3u << CauseCEShift;
    public const uint CauseTI = 1u << 30;
    public const uint CauseBD = 1u << 31;

    public const uint IndexProbeFailure = 1u << 31;
    public const uint ContextBadVpn2 = 0x007F_FFF0u;
    public const uint EntryHiVpn2 = 0xFFFF_E000u;
    public const uint EntryHiAsid = 0xFFu;

    // Reset / identification values. PRId, Config0, Config1, Config2, IntCtl and EBase are what
    // QEMU 7.2 reports for `-M malta -cpu 24Kc` (measured by reading them from a bare-metal ELF).
    public const uint PRId24Kc = 0x0001_9300;
    public const uint Config0Reset = 0x8000_0482; // M, AR=1 (Release 2), MT=1 (TLB), K0=2 (uncached)
    /// <summary>M, MMU size-1 = 15, IS/IL/IA and DS/DL/DA as QEMU reports, WR, CA, EP set, FP = 0 (no FPU).
    /// WR and CA are reported as QEMU does, but watch registers read as zero and MIPS16e is not implemented.</summary>
    public const uint Config1 = 0x9E19_0C8E;
    public const uint Config2 = 0x8000_0000;
    /// <summary>ULRI (bit 13): UserLocal and RDHWR $29 exist. QEMU's 24Kc reports Config3 = 0 here; the
    /// project asks for UserLocal, so this model implements it and says so in Config3.</summary>
    public const uint Config3 = 0x0000_2000;
    /// <summary>IPTI = 7: the timer interrupt is seen on IP7.</summary>
    public const uint IntCtlReset = 0xE000_0000;
    public const uint EBaseReset = 0x8000_0000;

    public const int TlbEntries = 16;
    public const uint SynciStep = 32;   // RDHWR $1, as QEMU's 24Kc
    public const uint CountResolution = 2; // RDHWR $3, as QEMU's 24Kc
}

/// <summary>
/// Bits MTC0 can change, as read back on QEMU 7.2's 24Kc after writing all ones, except where noted.
/// </summary>
public static class Cp0WriteMasks
{
    public const uint Index = 0x0000_000F;           // writes of an index >= 16 are ignored (as QEMU)
    public const uint EntryLo = 0x03FF_FFFF;         // PFN 25..6, C, D, V, G
    public const uint Context = 0xFF80_0000;         // PTEBase
    public const uint PageMask = 0x1FFF_E000;        // 4 KiB .. 256 MiB; other patterns write 0 (as QEMU)
    public const uint Wired = 0x0000_000F;
    public const uint HWREna = 0x2000_000F;          // bits 0..3 and 29 (UserLocal, since Config3.ULRI = 1)
    public const uint EntryHi = 0xFFFF_E0FF;
    /// <summary>
    /// CU0, BEV, IM, UM, ERL, EXL, IE. RE reads 0 (reverse-endian user mode is not implemented, Vol. III 9.13),
    /// bit 3 reads 0 (no supervisor mode on the 24K); TS, SR and NMI are <see cref="StatusClearOnly"/>.
    /// </summary>
    public const uint Status = 0x1040_FF17;
    /// <summary>TS, SR, NMI: software can write 0 to clear them but cannot set them (Vol. III 9.13).</summary>
    public const uint StatusClearOnly = 0x0038_0000;
    /// <summary>VS is read-only zero when neither vectored nor EIC interrupts exist (Vol. III 9.13 IntCtl,
    /// Config3.VInt = VEIC = 0); QEMU lets it be written, the manual does not.</summary>
    public const uint IntCtl = 0;
    public const uint Cause = 0x0880_0300;           // DC, IV, IP1..0; WP stays 0: no watch exception is ever deferred
    public const uint EBase = 0x3FFF_F000;           // bit 31 reads 1, bit 30 reads 0, CPUNum 0
    public const uint Config0 = 0x0000_0007;         // K0
    /// <summary>SRSCtl stays 0: HSS = 0 (one register set), and Vol. III 9.15 makes ESS/PSS > HSS undefined.</summary>
    public const uint SRSCtl = 0;
}
