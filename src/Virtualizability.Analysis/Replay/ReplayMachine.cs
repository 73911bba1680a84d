using Virtualizability.Execution;
using Virtualizability.Smt.Solving;

namespace Virtualizability.Analysis.Replay;

/// <summary>An executable-model machine loaded with a concrete witness state, its memories on a <see cref="SparseMemoryBus"/>.</summary>
internal sealed class ReplayMachine
{
    private ReplayMachine(Machine machine, SparseMemoryBus bus)
    {
        Machine = machine;
        Bus = bus;
    }

    public Machine Machine { get; }
    public SparseMemoryBus Bus { get; }
    public MachineState State => Machine.State;

    public static ReplayMachine Load(CompiledIsa isa, ConcreteState state)
    {
        var model = isa.Model;
        var bus = new SparseMemoryBus(model, state.Memories);
        var options = new MachineOptions
        {
            // No backing array: every access goes to the sparse bus.
            MemoryCells = model.Memories.ToDictionary(m => m.Name, _ => 0L),
            Bus = bus,
        };
        var machineState = new MachineState(model, options);
        for (var i = 0; i < state.Slots.Length; i++) machineState.Registers[i] = state.Slots[i];
        return new ReplayMachine(new Machine(isa, machineState), bus);
    }

    /// <summary>Loads <paramref name="state"/> into this machine again (cheaper than a new one when probing many variants).</summary>
    public void Reload(ConcreteState state)
    {
        state.Slots.CopyTo(State.Registers);
        Bus.Reload(state.Memories);
        Machine.Resume();
    }

    /// <summary>Registers, for comparing a start with an end.</summary>
    public ulong[] RegistersCopy() => (ulong[])State.Registers.Clone();
}
