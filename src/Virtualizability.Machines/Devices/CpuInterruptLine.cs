using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Machines.Devices;

/// <summary>
/// The Malta's interrupt controllers drive the 24K's hardware interrupt 0, Cause.IP2 (bit 10): the board sets it in
/// the CPU's state, and the spec takes the interrupt at the next instruction boundary when Status unmasks it. The
/// bare board wires the real CPU's state; a VMM wires each virtual CPU's.
/// </summary>
public static class CpuInterruptLine
{
    private const ulong CauseIP2 = 1UL << 10;

    /// <summary>An action that sets or clears Cause.IP2 in <paramref name="state"/>.</summary>
    public static Action<bool> For(MachineState state)
    {
        var cause = state.Model.Register("Cause")
            ?? throw new BoardException($"the Malta board drives the CPU's interrupt lines in Cause, which {state.Model.Name} does not declare (it needs a MIPS32 spec)");
        return level => Set(state, cause, level);
    }

    private static void Set(MachineState state, RegisterDecl cause, bool level)
    {
        var value = state.GetRegister(cause);
        state.SetRegister(cause, 0, level ? value | CauseIP2 : value & ~CauseIP2);
    }
}
