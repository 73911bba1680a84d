namespace Virtualizability.Conformance.ThreeWay;

/// <summary>An exception the CPU took: its cause and the address of the instruction it was taken at.</summary>
public sealed record ExceptionEvent(ExceptionCode Code, uint Pc)
{
    public override string ToString() => $"{Code} at 0x{Pc:X8}";
}

/// <summary>
/// What one side of a three-way run ended with: the architectural state, guest RAM, the bytes the guest wrote to its
/// console, the exceptions in the order taken, the steps run and whether the guest wrote the reset register.
/// </summary>
public sealed record RunRecord(MipsState State, byte[] Ram, byte[] Console, IReadOnlyList<ExceptionEvent> Exceptions, long Steps, bool ResetWritten);
