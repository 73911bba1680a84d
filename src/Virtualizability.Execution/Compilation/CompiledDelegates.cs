namespace Virtualizability.Execution.Compilation;

// Every compiled piece returns an ExecutionFrame status (continue, trap, halt); values leave through the frame.

/// <summary>A compiled block: a hook, an exception entry, a role block, or a value written to <see cref="ExecutionFrame.Result"/>.</summary>
public delegate int FrameAction(ExecutionFrame frame);

/// <summary>One instruction's body, given its encoding word (bits 0..63 and 64..127).</summary>
public delegate int InstructionAction(ExecutionFrame frame, ulong wordLow, ulong wordHigh);

/// <summary>Runs up to <c>maxSteps</c> whole steps, stopping at the first trap or halt; the count goes to <see cref="ExecutionFrame.StepsExecuted"/>.</summary>
public delegate int RunLoop(ExecutionFrame frame, long maxSteps);

/// <summary>The byte-encoding fetch function: byte <c>offset</c> of the current instruction into <see cref="ExecutionFrame.Result"/>.</summary>
public delegate int ByteFetch(ExecutionFrame frame, ulong offset);
