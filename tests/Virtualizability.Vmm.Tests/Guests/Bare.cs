using Virtualizability.Execution;

namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>The reference: the guest alone on the model at machine address 0, traps delivered by the model itself.</summary>
public static class Bare
{
    /// <param name="memoryCells">RAM size; by default the whole 64 KiB address space.</param>
    /// <param name="start">Changes the state after reset, before the run.</param>
    public static (Machine Machine, RunResult Result) Run(GuestImage image, long maxSteps, long? memoryCells = null, IMemoryBus? devices = null,
        Action<MachineState>? start = null)
    {
        var options = new MachineOptions
        {
            MemoryCells = memoryCells is { } cells ? new Dictionary<string, long> { [PgSpec.Storage.Name] = cells } : new Dictionary<string, long>(),
            Bus = devices,
        };
        var machine = new Machine(PgSpec.Isa, options);
        image.LoadInto(machine.State.Memory(PgSpec.Storage));
        machine.Reset();
        start?.Invoke(machine.State);
        return (machine, machine.Run(maxSteps));
    }
}
