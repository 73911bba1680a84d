using Virtualizability.Execution;

namespace Virtualizability.Vmm;

/// <summary>
/// One virtual machine: the spec's full register state for its virtual CPU (virtual mode and virtual resources
/// included) and its guest-physical memory inside machine memory. <see cref="Cpu"/> is a second machine on the same
/// compiled spec whose state is the virtual state: interpreting an instruction or reflecting a trap is running the
/// spec's own semantics on it, and its storage accesses reach machine memory only through the allocation.
/// </summary>
public sealed class VirtualMachine
{
    internal VirtualMachine(int id, string name, CompiledIsa isa, IGuestRam ram, IMemoryBus? devices)
    {
        Id = id;
        Name = name;
        Ram = ram;
        Bus = new GuestPhysicalBus(ram, devices);
        // No backing cells: every storage access of the virtual CPU goes through the guest-physical bus.
        var options = new MachineOptions
        {
            MemoryCells = isa.Model.Memories.ToDictionary(m => m.Name, _ => 0L),
            Bus = Bus,
        };
        State = new MachineState(isa.Model, options);
        Cpu = new Machine(isa, State);
        Cpu.Reset();
    }

    public int Id { get; }

    public string Name { get; }

    /// <summary>The guest-physical RAM the allocator gave this VM.</summary>
    public IGuestRam Ram { get; }

    /// <summary>Guest-physical memory: RAM, then the VM's devices.</summary>
    public GuestPhysicalBus Bus { get; }

    /// <summary>
    /// The virtual state. Its virtualized registers are always current; its direct registers are current whenever the
    /// VM is not running (the VMM copies them out of the real machine at every trap and at the end of every slice).
    /// </summary>
    public MachineState State { get; }

    /// <summary>The virtual CPU: the spec's semantics over <see cref="State"/>.</summary>
    public Machine Cpu { get; }

    /// <summary>
    /// True once the guest executed HALT (or its trap entry halted), one of its devices stopped it (a board's reset
    /// register), or the VMM failed while handling it (<see cref="Error"/>): only this VM stops.
    /// </summary>
    public bool IsHalted => Cpu.IsHalted || IsStopped || Error is not null;

    /// <summary>
    /// Why the VMM stopped this VM, when handling one of its traps failed (a device model or the spec's semantics threw):
    /// the failure ends this guest only, never the monitor or the other VMs. Null while the VM is healthy.
    /// </summary>
    public string? Error { get; private set; }

    internal void Fail(string error) => Error ??= error;

    /// <summary>True once <see cref="Stop"/> was called.</summary>
    public bool IsStopped { get; private set; }

    /// <summary>
    /// Stops this VM for good, as its board would stop a bare machine: called by the VM's own devices (the Malta reset
    /// register) from inside an emulated access, so the dispatcher ends the VM's slice right after that instruction.
    /// </summary>
    public void Stop() => IsStopped = true;

    public bool IsVirtualSupervisor => Cpu.IsSupervisor;

    /// <summary>The spec's user predicate on the virtual state (not supervisor, for specs that declare none).</summary>
    public bool IsVirtualUser => Cpu.IsUser;

    public VmmStatistics Statistics { get; } = new();

    /// <summary>
    /// Called with every trap the guest takes itself, just before its entry runs on the virtual state (the virtual
    /// PC is still the trapping instruction's): conformance runs compare this sequence with a bare machine's.
    /// </summary>
    public Action<Trap>? TrapReflected { get; set; }

    /// <summary>
    /// Called at the start of each time slice: devices whose state changes from outside the guest (console input)
    /// raise their interrupt lines in the virtual state here, as a real board's would at any time.
    /// </summary>
    public Action? PollDevices { get; set; }

    /// <summary>Writes guest-physical memory (program loading).</summary>
    public void WriteGuestPhysical(ulong address, int cells, ulong value) =>
        Bus.Write(Ram.Memory.Index, address, cells, value);

    public ulong ReadGuestPhysical(ulong address, int cells) => Bus.Read(Ram.Memory.Index, address, cells);

    /// <summary>Resets the virtual CPU with the spec's reset block; guest memory keeps its contents.</summary>
    public void Reset() => Cpu.Reset();

    /// <summary>Set by the monitor: the trap hook given to the real machine while this VM runs.</summary>
    internal Func<Trap, bool>? TrapHook { get; set; }

    public override string ToString() => Name;
}
