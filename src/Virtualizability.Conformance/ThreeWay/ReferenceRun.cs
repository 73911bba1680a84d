using Virtualizability.Conformance.Bridge;
using Virtualizability.Conformance.Harness;

namespace Virtualizability.Conformance.ThreeWay;

/// <summary>(c) The hand-written reference interpreter on the same board devices.</summary>
internal static class ReferenceRun
{
    private const int MaltaInterruptLine = 2;

    public static RunRecord Run(ConformanceCase c, byte[] ram, int steps)
    {
        using var console = new MemoryStream();
        var board = new ReferenceBoard((byte[])ram.Clone(), console);
        var cpu = new MipsInterpreter(c.Initial.Clone(), board);
        // The 8259 pair's output is the CPU's hardware interrupt 0 (Cause.IP2), as on the bare board and in every VM: a
        // program that enables the UART's interrupts (a word store to its base writes IER) raises it on all three.
        board.Devices.InterruptLineChanged = level => cpu.SetInterruptLine(MaltaInterruptLine, level);
        var exceptions = new List<ExceptionEvent>();
        long done = 0;
        // The bare board stops after the step that writes the reset register; so does this loop.
        while (done < steps && !board.Devices.ResetRequested)
        {
            var result = cpu.Step();
            if (result.Kind == StepKind.ExceptionTaken) exceptions.Add(new ExceptionEvent(result.Exception!.Value, result.Pc));
            done++;
        }
        board.Devices.Uart.Flush();
        return new RunRecord(cpu.State, board.Ram, console.ToArray(), exceptions, done, board.Devices.ResetRequested);
    }
}
