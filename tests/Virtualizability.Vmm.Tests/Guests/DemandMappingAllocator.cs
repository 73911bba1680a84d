using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm.Tests.Guests;

/// <summary>
/// An allocator policy that maps nothing until a VM's first memory trap, then installs the full composition and
/// asks for a retry, as a software-TLB refill does. It exercises the dispatcher's retry route on pg-machine.
/// </summary>
public sealed class DemandMappingAllocator(IAllocator inner) : IAllocator
{
    private readonly HashSet<VirtualMachine> _mapped = [];
    private readonly RegisterDecl _bound = inner.RealMachine.Model.Register("B")!;

    public Machine RealMachine => inner.RealMachine;

    public IReadOnlySet<RegisterDecl> VirtualizedRegisters => inner.VirtualizedRegisters;

    public IGuestRam Allocate(ulong size) => inner.Allocate(size);

    public void Release(IGuestRam ram) => inner.Release(ram);

    public void LoadRealResources(VirtualMachine vm)
    {
        inner.LoadRealResources(vm);
        if (!_mapped.Contains(vm)) RealMachine.State.SetRegister(_bound, 0);
    }

    public MemoryTrapResolution ResolveMemoryTrap(VirtualMachine vm, Trap trap)
    {
        if (_mapped.Add(vm)) return MemoryTrapResolution.Retry;
        return inner.ResolveMemoryTrap(vm, trap);
    }
}
