namespace Virtualizability.Mips.Reference;

/// <summary>
/// Raised inside the interpreter when the guest instruction (or its fetch) takes a MIPS exception; caught by
/// <see cref="MipsInterpreter.Step"/>, which performs the exception entry. Using a .NET exception keeps
/// every instruction's code a straight transcription of the manual's pseudocode ("SignalException").
/// </summary>
internal sealed class GuestException(ExceptionCode code) : Exception(code.ToString())
{
    public ExceptionCode Code { get; } = code;
    /// <summary>Cause.CE for Coprocessor Unusable.</summary>
    public int CoprocessorNumber { get; init; }
    /// <summary>The faulting virtual address of an address error or TLB exception.</summary>
    public uint? BadVAddr { get; init; }
    /// <summary>A TLB exception: also loads Context.BadVPN2 and EntryHi.VPN2 (Vol. III 6.2.10-6.2.12).</summary>
    public bool IsTlb { get; init; }
    /// <summary>
    /// An address error for a segment the mode may not use: like a TLB exception it also loads Context.BadVPN2
    /// and EntryHi.VPN2 (Vol. III leaves them UNPREDICTABLE for address errors; as QEMU's raise_mmu_exception).
    /// </summary>
    public bool RecordsPage { get; init; }
    /// <summary>No matching TLB entry: uses the refill vector (offset 0) when Status.EXL was 0.</summary>
    public bool IsTlbRefill { get; init; }
}
