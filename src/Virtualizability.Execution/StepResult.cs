using Virtualizability.Isa.Ir;

namespace Virtualizability.Execution;

public enum StepStatus
{
    /// <summary>The step ran to the end of the epilogue.</summary>
    Completed,
    /// <summary>A trap ended the step; it has not been delivered.</summary>
    Trapped,
    /// <summary>A `halt` ended the step; the machine is stopped.</summary>
    Halted,
}

/// <summary>
/// The outcome of one step. <see cref="Instruction"/> is the decoded instruction, or null when the fetch
/// (or prologue) trapped or no pattern matched.
/// </summary>
public readonly record struct StepResult(StepStatus Status, InstructionDecl? Instruction, Trap? Trap);
