using System.Diagnostics;
using System.Globalization;
using Virtualizability.Execution;

namespace Virtualizability.Machines.Running;

/// <summary>
/// Runs a loaded board until the guest writes the reset register or a limit is reached, delivering every trap
/// through the spec's exception entry blocks. Without a trace the machine runs in large chunks of the compiled
/// run loop (it returns on each trap so that traps can be counted by cause); with a trace it steps one
/// instruction at a time and writes one line per instruction.
/// </summary>
public sealed class BoardRunner(MaltaBoard board)
{
    // Between chunks the console is flushed, so output without a newline still appears while the guest runs.
    private const long ChunkInstructions = 1L << 24;
    // While the guest waits for console input by interrupt, input that arrives must raise the line soon: the
    // devices are polled every 64 Ki instructions (under a millisecond), as a real UART would interrupt.
    private const long InterruptPollInstructions = 1L << 16;

    public RunReport Run(long maxInstructions, TextWriter? trace = null)
    {
        var tally = new ExceptionTally(board.Machine.State);
        var clock = Stopwatch.StartNew();
        var (end, executed, problem) = trace is null ? RunFast(maxInstructions, tally) : RunTraced(maxInstructions, tally, trace);
        clock.Stop();
        board.Uart.Flush();
        trace?.Flush();
        return new RunReport(end, executed, clock.Elapsed, tally.Counts, problem);
    }

    private (RunEnd, long, string?) RunFast(long maxInstructions, ExceptionTally tally)
    {
        var machine = board.Machine;
        long executed = 0;
        while (executed < maxInstructions)
        {
            var chunk = board.Uart.ReceiveInterruptEnabled ? InterruptPollInstructions : ChunkInstructions;
            var result = machine.Run(Math.Min(chunk, maxInstructions - executed), deliverTraps: false);
            board.Bus.UpdateInterrupts();
            executed += result.Steps;
            switch (result.Reason)
            {
                case RunStopReason.StopRequested:
                    return (RunEnd.Reset, executed, null);
                case RunStopReason.Halted:
                    return (RunEnd.Halted, executed, "the machine halted");
                case RunStopReason.Trapped:
                    if (Deliver(result.LastTrap!, tally) is { } nested) return (RunEnd.SpecError, executed, nested);
                    break;
                default:
                    board.Uart.Flush();
                    break;
            }
        }
        return (RunEnd.InstructionLimit, executed, null);
    }

    private (RunEnd, long, string?) RunTraced(long maxInstructions, ExceptionTally tally, TextWriter trace)
    {
        var machine = board.Machine;
        var pc = machine.Model.Roles.ProgramCounter;
        var digits = (pc.Width + 3) / 4;
        var wordDigits = (machine.Model.Encoding.Width + 3) / 4;
        long executed = 0;
        while (executed < maxInstructions)
        {
            var address = machine.State.GetRegister(pc);
            var word = machine.PeekFetch();
            var step = machine.Step();
            executed++;
            var wordText = word is { } w ? w.ToString("x" + wordDigits, CultureInfo.InvariantCulture) : new string('-', wordDigits);
            var line = $"{address.ToString("x" + digits, CultureInfo.InvariantCulture)} {wordText} {step.Instruction?.Name ?? "-"}";
            trace.WriteLine(step.Trap is { } t ? $"{line}  trap {t.Exception.Name}" : line);
            if (step.Status == StepStatus.Halted) return (RunEnd.Halted, executed, "the machine halted");
            if (step.Trap is { } trap && Deliver(trap, tally) is { } nested) return (RunEnd.SpecError, executed, nested);
            if (board.Bus.ResetRequested) return (RunEnd.Reset, executed, null);
            board.Bus.UpdateInterrupts();
        }
        return (RunEnd.InstructionLimit, executed, null);
    }

    private string? Deliver(Trap trap, ExceptionTally tally)
    {
        var nested = board.Machine.Deliver(trap);
        if (nested is not null) return $"the spec's entry block for {trap.Exception.Name} raised {nested.Exception.Name}";
        tally.Add(trap);
        return null;
    }
}
