using Virtualizability.Execution;
using Virtualizability.Vmm;
using Virtualizability.Vmm.PgMachine;

namespace Virtualizability.Bench;

/// <summary>
/// The same compute-bound pg-machine loop as <see cref="PgMachineLoop"/>, run as a guest under the trap-and-emulate
/// VMM: one VM of 16 KiB at a non-zero machine address, virtual supervisor mode, real user mode. Only its HALT traps.
/// </summary>
public sealed class PgMachineVmmLoop
{
    private const ulong ProgramBytes = 0x100;

    public PgMachineVmmLoop(PgMachineLoop bare)
    {
        var real = new Machine(bare.Machine.Isa);
        real.Reset();
        Monitor = new VirtualMachineMonitor(new RelocationBoundsAllocator(real));
        Vm = Monitor.CreateVirtualMachine(0x4000);
        var start = bare.Machine.State.GetRegister(bare.Model.Roles.ProgramCounter);
        var source = bare.Machine.State.Memory(bare.Model.Roles.Storage);
        for (var a = start; a < start + ProgramBytes; a++) Vm.WriteGuestPhysical(a, 1, source.ReadCell(a));
    }

    public VirtualMachineMonitor Monitor { get; }

    public VirtualMachine Vm { get; }

    /// <summary>Runs the program once from the virtual reset to its HALT and returns the guest instructions executed.</summary>
    public long RunOnce()
    {
        var before = Vm.Statistics.GuestInstructions;
        Vm.Reset();
        Monitor.Run(long.MaxValue, timeSlice: 1_000_000);
        var steps = Vm.Statistics.GuestInstructions - before;
        if (!Vm.IsHalted || steps != PgMachineLoop.StepsPerRun)
            throw new InvalidOperationException($"the guest loop ended after {steps} steps (halted: {Vm.IsHalted}), expected HALT after {PgMachineLoop.StepsPerRun}");
        return steps;
    }
}
