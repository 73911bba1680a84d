using Virtualizability.Conformance.Bridge;
using Virtualizability.Conformance.Harness;
using Virtualizability.Execution;
using Virtualizability.Machines.Devices;
using Virtualizability.Vmm.Mips;

namespace Virtualizability.Conformance.ThreeWay;

/// <summary>
/// (b) The spec model under the trap-and-emulate VMM: one virtual Malta board (as `pgcheck run --vmm`) whose virtual
/// state is the case's initial state. A fresh real machine per run, so that a failure replays alone.
/// </summary>
internal static class VirtualizedRun
{
    public static RunRecord Run(CompiledIsa isa, ConformanceCase c, byte[] ram, int steps)
    {
        using var console = new MemoryStream();
        // The real machine, allocator and monitor as `pgcheck run --vmm` builds them.
        var vmm = new MaltaVmm(isa, 1, ram.Length);
        var monitor = vmm.Monitor;
        var guest = MaltaGuest.Create(monitor, ram.Length, console, NoInput.Instance);
        var vm = guest.Vm;
        StateBridge.ToModel(c.Initial, vm.State);
        var machineMemory = vmm.Allocator.RealMachine.State.Memory(isa.Model.Roles.Storage);
        var machineRam = machineMemory.Bytes.Slice(checked((int)vm.Ram.MachineAddress(0)), ram.Length);
        ram.CopyTo(machineRam);

        var pc = isa.Model.Register("PC")!;
        var exceptions = new List<ExceptionEvent>();
        vm.TrapReflected = trap => exceptions.Add(new ExceptionEvent(ExceptionNames.CodeOf(trap.Exception.Name), (uint)vm.State.GetRegister(pc)));
        // One to four time slices, so that world switches (the real state saved and loaded again) fall inside programs.
        monitor.Run(steps, timeSlice: Math.Max(1, steps / (1 + (int)(c.ProgramPa / 4 % 4))));
        guest.Uart.Flush();
        return new RunRecord(StateBridge.FromModel(vm.State), machineRam.ToArray(), console.ToArray(), exceptions,
            vm.Statistics.GuestInstructions, guest.Bus.ResetRequested);
    }
}
