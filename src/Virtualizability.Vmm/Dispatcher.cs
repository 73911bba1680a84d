using System.Diagnostics;
using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm;

/// <summary>
/// Popek and Goldberg's dispatcher D: entered on every real trap, it routes the trap without knowing the ISA.
/// <list type="bullet">
/// <item>A memory trap goes to the allocator, which says whether the guest's own resources forbid the access
/// (reflect), the composition cannot express it (interpret), or it has installed a mapping (retry).</item>
/// <item>Any other trap in virtual user mode (or one the allocator says is mode-independent,
/// <see cref="IAllocator.ReflectsTrap"/>) is the guest's own: real and virtual mode agree there, so the real
/// machine raised exactly the trap the guest would have raised. It is reflected.</item>
/// <item>Any other trap in any other virtual mode (supervisor: a privileged instruction, but also SVC, overflow ...;
/// and a mode that is neither, RISC-V S-mode, whose ECALL cause and CSR rights differ from real U-mode's) goes to the
/// interpreter, which runs the instruction on the virtual state: if the spec's semantics complete there, the
/// instruction is emulated; if they trap, the guest takes that trap.</item>
/// </list>
/// After any change of the virtual state the allocator recomputes the real resources.
/// </summary>
public sealed class Dispatcher
{
    private readonly IAllocator _allocator;
    private readonly RegisterPartition _partition;
    private readonly HashSet<ExceptionDecl> _memoryTraps;

    public Dispatcher(IAllocator allocator, RegisterPartition partition)
    {
        _allocator = allocator;
        _partition = partition;
        _memoryTraps = allocator.RealMachine.Model.Roles.MemoryTraps.ToHashSet();
    }

    /// <summary>
    /// Called whenever guest code is about to resume on the real machine (at the start of a slice and after every
    /// dispatch), with the real resources loaded: tracing, and the resource-control tests, look here.
    /// </summary>
    public Action<VirtualMachine>? Resuming { get; set; }

    internal void NotifyResuming(VirtualMachine vm) => Resuming?.Invoke(vm);

    /// <summary>
    /// Handles one real trap of <paramref name="vm"/>; returns false when the real run must stop: the VM has halted, or
    /// its next instructions can only be interpreted (<see cref="IAllocator.MustInterpret"/>), which the monitor does
    /// without the real machine.
    /// </summary>
    public bool Dispatch(VirtualMachine vm, Trap trap)
    {
        var started = Stopwatch.GetTimestamp();
        var real = _allocator.RealMachine;
        var statistics = vm.Statistics;
        statistics.Traps++;
        VmmStatistics.Count(statistics.TrapsByCause, trap.Exception.Name);
        _partition.CopyDirect(real.State, vm.State);
        _allocator.SaveRealResources(vm);

        if (_memoryTraps.Contains(trap.Exception))
        {
            var resolution = _allocator.ResolveMemoryTrap(vm, trap);
            VmmStatistics.Count(statistics.AllocatorResolutions, resolution);
            switch (resolution)
            {
                case MemoryTrapResolution.Reflect: Interpreter.Reflect(vm, trap); break;
                case MemoryTrapResolution.Emulate: Interpreter.Interpret(vm); break;
                case MemoryTrapResolution.Retry: statistics.Retries++; break;
                default: throw new InvalidOperationException($"unknown resolution {resolution}");
            }
        }
        else if (_allocator.ReflectsTrap(vm, trap)) Interpreter.Reflect(vm, trap);
        else Interpreter.Interpret(vm);

        // Even a halted VM gets its final direct registers back in the real machine, so that switching it out
        // (which copies real to virtual) keeps the virtual state the interpreter produced.
        _partition.CopyDirect(vm.State, real.State);
        if (!vm.IsHalted)
        {
            _allocator.LoadRealResources(vm);
            RealModeGuard.EnsureUser(real, vm);
            NotifyResuming(vm);
        }
        var resume = !vm.IsHalted && !_allocator.MustInterpret(vm);
        statistics.VmmTicks += Stopwatch.GetTimestamp() - started;
        return resume;
    }
}
