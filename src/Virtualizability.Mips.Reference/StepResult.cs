namespace Virtualizability.Mips.Reference;

public enum StepKind
{
    /// <summary>The instruction completed (a nullified branch-likely delay slot is skipped as part of its branch).</summary>
    Retired,
    /// <summary>An exception (or interrupt) was taken instead; the state is at the exception vector.</summary>
    ExceptionTaken,
}

/// <summary>What one <see cref="MipsInterpreter.Step"/> did.</summary>
/// <param name="Pc">Address of the instruction that retired or raised the exception (for an interrupt: the instruction it preempted).</param>
/// <param name="Word">The instruction word, or 0 when the fetch itself failed or an interrupt came first.</param>
/// <param name="Exception">The exception taken, when <see cref="Kind"/> is <see cref="StepKind.ExceptionTaken"/>.</param>
/// <param name="EnteredWait">True when the retired instruction was WAIT: a board may skip idle time until an interrupt.</param>
public readonly record struct StepResult(StepKind Kind, uint Pc, uint Word, ExceptionCode? Exception, bool EnteredWait)
{
    public override string ToString() => Kind == StepKind.Retired
        ? $"retired 0x{Pc:X8}: {MipsDisassembler.Disassemble(Word, Pc)}{(EnteredWait ? " (wait)" : "")}"
        : $"exception {Exception} at 0x{Pc:X8}";
}
