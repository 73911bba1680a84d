namespace Virtualizability.Execution.Compilation;

/// <summary>
/// What compiled code works on: the state's arrays plus the slots through which a trap, the decoded
/// instruction and function results leave compiled code without exceptions or allocation.
/// </summary>
public sealed class ExecutionFrame
{
    public const int StatusContinue = 0;
    public const int StatusTrap = 1;
    public const int StatusHalt = 2;

    internal ExecutionFrame(MachineState state, int maxTrapArguments, int maxCallArguments = 0)
    {
        State = state;
        Registers = state.Registers;
        Memories = state.Memories;
        TrapArguments = new ulong[Math.Max(1, maxTrapArguments)];
        CallArguments = new ulong[Math.Max(1, maxCallArguments)];
    }

    public MachineState State { get; }

    // Public fields: compiled expression trees read and write them directly.
    public readonly ulong[] Registers;
    public readonly MemoryStorage[] Memories;

    /// <summary>Index of the raised exception (valid after a trap status).</summary>
    public int TrapIndex;

    public readonly ulong[] TrapArguments;

    /// <summary>The arguments of a call of an outlined function (see <see cref="Outlining"/>), bools as 0/1.</summary>
    public readonly ulong[] CallArguments;

    /// <summary>Index of the instruction decoded by the last step, -1 when none was (fetch trap or undefined).</summary>
    public int InstructionIndex = -1;

    /// <summary>Steps executed by the last call of a run loop.</summary>
    public long StepsExecuted;

    /// <summary>The value produced by a compiled value function (fetch of one byte, a predicate ...).</summary>
    public ulong Result;

    /// <summary>
    /// Set by a device (through <see cref="Machine.RequestStop"/>) during a step; the run loop checks it before the
    /// next step, so a board's reset register ends a run right after the store that wrote it.
    /// </summary>
    public bool StopRequested;
}
