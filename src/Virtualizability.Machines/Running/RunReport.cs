namespace Virtualizability.Machines.Running;

public enum RunEnd
{
    /// <summary>The guest wrote the reset register: the normal end of a bare-metal program.</summary>
    Reset,
    /// <summary>The instruction limit was reached first.</summary>
    InstructionLimit,
    /// <summary>The spec's `halt` stopped the machine (MIPS32 has none; other specs may).</summary>
    Halted,
    /// <summary>A spec's exception entry itself trapped: a bug in the spec, not in the guest.</summary>
    SpecError,
}

/// <param name="ExceptionsByCause">Traps taken, keyed by the spec's exception name (with the cause code where the spec records one).</param>
public sealed record RunReport(RunEnd End, long Instructions, TimeSpan WallTime, IReadOnlyDictionary<string, long> ExceptionsByCause, string? Problem)
{
    public double InstructionsPerSecond => WallTime.TotalSeconds > 0 ? Instructions / WallTime.TotalSeconds : 0;
}
