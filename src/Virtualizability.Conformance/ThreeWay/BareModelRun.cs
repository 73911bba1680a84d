using Virtualizability.Conformance.Bridge;
using Virtualizability.Conformance.Harness;
using Virtualizability.Execution;
using Virtualizability.Machines;
using Virtualizability.Machines.Devices;

namespace Virtualizability.Conformance.ThreeWay;

/// <summary>(a) The spec model alone on the Malta board, as `pgcheck run` runs it: traps delivered by the spec's entries.</summary>
internal static class BareModelRun
{
    public static RunRecord Run(CompiledIsa isa, ConformanceCase c, byte[] ram, int steps)
    {
        using var console = new MemoryStream();
        var board = new MaltaBoard(isa, ram.Length, console, NoInput.Instance);
        var state = board.Machine.State;
        StateBridge.ToModel(c.Initial, state);
        ram.CopyTo(board.Ram.Bytes);
        var pc = isa.Model.Register("PC")!;
        var exceptions = new List<ExceptionEvent>();
        var result = board.Machine.Run(steps, deliverTraps: true, onTrap: trap =>
        {
            exceptions.Add(new ExceptionEvent(ExceptionNames.CodeOf(trap.Exception.Name), (uint)state.GetRegister(pc)));
            return true;
        });
        board.Uart.Flush();
        return new RunRecord(StateBridge.FromModel(state), board.Ram.Bytes.ToArray(), console.ToArray(), exceptions,
            result.Steps, board.Bus.ResetRequested);
    }
}
