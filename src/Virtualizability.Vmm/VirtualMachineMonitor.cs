using System.Diagnostics;
using Virtualizability.Execution;

namespace Virtualizability.Vmm;

/// <summary>
/// The control program ⟨dispatcher, allocator, interpreters⟩ over one real machine. Guests always run in real user
/// mode on the real machine's compiled run loop: innocuous instructions execute there with no VMM code on their
/// path, and only traps enter the <see cref="Dispatcher"/>. Several VMs share the real machine in round-robin
/// slices counted in guest instructions; each slice is a world switch of the direct registers plus the allocator
/// loading that VM's real resources.
/// </summary>
public sealed class VirtualMachineMonitor
{
    private readonly IAllocator _allocator;
    private readonly RegisterPartition _partition;
    private readonly List<VirtualMachine> _machines = [];
    private int _nextId;

    public VirtualMachineMonitor(IAllocator allocator)
    {
        _allocator = allocator;
        Real = allocator.RealMachine;
        _partition = new RegisterPartition(Real.Model, allocator.VirtualizedRegisters);
        Dispatcher = new Dispatcher(allocator, _partition);
    }

    /// <summary>The real machine; its memory and resource state belong to the allocator.</summary>
    public Machine Real { get; }

    public Dispatcher Dispatcher { get; }

    public RegisterPartition Registers => _partition;

    public IReadOnlyList<VirtualMachine> Machines => _machines;

    /// <summary>Creates a VM with <paramref name="memorySize"/> cells of guest-physical RAM and, optionally, devices beyond it; its CPU is reset.</summary>
    public VirtualMachine CreateVirtualMachine(ulong memorySize, IMemoryBus? devices = null, string? name = null)
    {
        var ram = _allocator.Allocate(memorySize);
        var id = _nextId++;
        var vm = new VirtualMachine(id, name ?? $"vm{id}", Real.Isa, ram, devices);
        vm.TrapHook = trap => Dispatcher.Dispatch(vm, trap);
        _machines.Add(vm);
        return vm;
    }

    /// <summary>Removes a VM and gives its memory back to the allocator (conformance runs create and drop many).</summary>
    public void DestroyVirtualMachine(VirtualMachine vm)
    {
        if (!_machines.Remove(vm)) throw new ArgumentException($"{vm.Name} does not run on this monitor", nameof(vm));
        _allocator.Release(vm.Ram);
    }

    /// <summary>
    /// Runs every VM that has not halted, in turns of at most <paramref name="timeSlice"/> guest instructions, until
    /// each has halted or executed <paramref name="maxInstructionsPerVm"/> instructions in this call.
    /// </summary>
    public VmmStatistics Run(long maxInstructionsPerVm, long timeSlice = 10_000)
    {
        if (timeSlice <= 0) throw new ArgumentOutOfRangeException(nameof(timeSlice));
        var executed = new long[_machines.Count];
        bool any;
        do
        {
            any = false;
            for (var i = 0; i < _machines.Count; i++)
            {
                var vm = _machines[i];
                var remaining = maxInstructionsPerVm - executed[i];
                if (vm.IsHalted || remaining <= 0) continue;
                any = true;
                executed[i] += RunSlice(vm, Math.Min(timeSlice, remaining));
            }
        } while (any);
        return VmmStatistics.Sum(_machines.Select(m => m.Statistics));
    }

    /// <summary>
    /// One time slice of one VM: until <paramref name="instructions"/> guest instructions have executed or the VM halts,
    /// run it directly on the real machine, or interpret it where it can only be interpreted. Returns the guest
    /// instructions executed.
    /// </summary>
    private long RunSlice(VirtualMachine vm, long instructions)
    {
        var started = Stopwatch.GetTimestamp();
        var statistics = vm.Statistics;
        var guestBefore = statistics.GuestInstructions;
        try
        {
            // The slice counts guest instructions, not real steps: a retried step (a shadow refill) executes none. A slice
            // of real steps could be used up by the refills that follow a world switch's TLB flush (the fetch's, then the
            // data access's) before any instruction completed, every turn again: a livelock of several VMs.
            vm.PollDevices?.Invoke();
            long executed;
            while (!vm.IsHalted && (executed = statistics.GuestInstructions - guestBefore) < instructions)
            {
                if (_allocator.MustInterpret(vm)) InterpretWithoutTraps(vm, instructions - executed);
                else RunDirectly(vm, instructions - executed);
            }
        }
        catch (Exception e) when (e is not VmmInvariantException)
        {
            // Whatever a guest makes a device model or the interpreter do, it stops that guest, not the host: the VM ends
            // with the error, and the next world switch loads another VM's registers and resources over what is left.
            vm.Fail($"{vm.Name} stopped at PC 0x{Real.State.GetRegister(Real.Model.Roles.ProgramCounter):X}: {e.GetType().Name}: {e.Message}");
        }
        statistics.TotalTicks += Stopwatch.GetTimestamp() - started;
        return statistics.GuestInstructions - guestBefore;
    }

    /// <summary>
    /// Switch in (direct registers and the allocator's real resources), run on the real machine's compiled run loop until
    /// at most <paramref name="instructions"/> real steps or until the dispatcher stops it, switch out.
    /// </summary>
    private void RunDirectly(VirtualMachine vm, long instructions)
    {
        _partition.CopyDirect(vm.State, Real.State);
        _allocator.LoadRealResources(vm);
        RealModeGuard.EnsureUser(Real, vm);
        Dispatcher.NotifyResuming(vm);

        var result = Real.Run(instructions, deliverTraps: false, onTrap: vm.TrapHook);
        vm.Statistics.RealSteps += result.Steps;
        // HALT is privileged and the guest is in real user mode, so only a broken allocator lets the real machine halt.
        if (result.Reason == RunStopReason.Halted) throw new VmmInvariantException($"the real machine halted while running {vm.Name}");

        _partition.CopyDirect(Real.State, vm.State);
        _allocator.SaveRealResources(vm);
    }

    /// <summary>
    /// Interprets instructions the real machine could only trap on (<see cref="IAllocator.MustInterpret"/>), one after
    /// another on the virtual state: what the real trap, the dispatcher and the interpreter would do for each, without
    /// the real trap and the copies of the direct registers around it.
    /// </summary>
    private void InterpretWithoutTraps(VirtualMachine vm, long instructions)
    {
        var started = Stopwatch.GetTimestamp();
        var statistics = vm.Statistics;
        for (long i = 0; i < instructions && !vm.IsHalted && (i == 0 || _allocator.MustInterpret(vm)); i++)
        {
            Interpreter.Interpret(vm);
            statistics.InterpretedWithoutTrap++;
        }
        statistics.VmmTicks += Stopwatch.GetTimestamp() - started;
    }
}
