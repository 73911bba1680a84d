namespace Virtualizability.Execution;

public enum RunStopReason
{
    Halted,
    StepLimit,
    /// <summary>A trap occurred while traps were not being delivered and no handler took it.</summary>
    Trapped,
    /// <summary>The trap handler returned false.</summary>
    StoppedByHandler,
    /// <summary><see cref="Machine.RequestStop"/> was called during the run (a device asked to end it).</summary>
    StopRequested,
}

/// <param name="Steps">Steps executed, including steps that ended in a trap or halt.</param>
/// <param name="Traps">Traps raised (delivered or not).</param>
/// <param name="LastTrap">The most recent trap, e.g. the one that stopped the run.</param>
public sealed record RunResult(RunStopReason Reason, long Steps, long Traps, Trap? LastTrap);
