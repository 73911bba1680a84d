namespace Virtualizability.Conformance.Generators;

/// <summary>
/// Small exception handlers placed at the vectors (when they lie in RAM), so that a sequence keeps running
/// after an exception: an interrupt disables interrupts (DI) and returns; any other exception returns to the
/// instruction after EPC. With BEV = 1 the vectors are at 0xBFC00200.. (physical 0x1FC00200.., beyond RAM), which
/// reads as zero: a run of NOPs.
/// </summary>
internal static class Handlers
{
    public static readonly uint[] General =
    [
        Asm.Mfc0(Asm.K0, 13),             // k0 := Cause
        Asm.Andi(Asm.K0, Asm.K0, 0x7C),   // ExcCode
        Asm.Bne(Asm.K0, Asm.Zero, 3),     // not an interrupt: skip the faulting instruction
        Asm.Nop,
        Asm.Di(Asm.Zero),
        Asm.Eret,
        Asm.Mfc0(Asm.K0, 14),             // k0 := EPC
        Asm.Addiu(Asm.K0, Asm.K0, 4),
        Asm.Mtc0(Asm.K0, 14),
        Asm.Eret,
    ];

    /// <summary>The vector addresses (refill, general, interrupt) translated to physical addresses, with the handler.</summary>
    public static IEnumerable<(uint Pa, uint[] Words)> Place(MipsState s)
    {
        if ((s.Status & Cp0Bits.StatusBEV) != 0) yield break;
        uint basePa = s.EBase & 0x1FFF_F000u; // EBase is in kseg0/kseg1: physical = low 29 bits
        yield return (basePa + 0x000, General);
        yield return (basePa + 0x180, General);
        yield return (basePa + 0x200, General);
    }
}
