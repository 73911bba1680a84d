using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm.Tests.Adversarial;

/// <summary>
/// Deliberately broken MIPS allocators, to show that <see cref="HostileRun"/> notices a VMM that lets a guest out:
/// the odd page of every real TLB entry moved by <c>pageShift</c> pages after each shadow refill (a pmap off by one VM for
/// odd pages; the even ones, where the tests' code runs, stay right), or the real machine left in kernel mode.
/// </summary>
public sealed class BrokenAllocator(IAllocator inner, long pageShift, bool kernelMode) : IAllocator
{
    public Machine RealMachine => inner.RealMachine;

    public IReadOnlySet<RegisterDecl> VirtualizedRegisters => inner.VirtualizedRegisters;

    public IGuestRam Allocate(ulong size) => inner.Allocate(size);

    public void Release(IGuestRam ram) => inner.Release(ram);

    public void SaveRealResources(VirtualMachine vm) => inner.SaveRealResources(vm);

    public void LoadRealResources(VirtualMachine vm)
    {
        inner.LoadRealResources(vm);
        if (kernelMode) RealMachine.State.SetRegister("Status", RealMachine.State.GetRegister("Status") & ~0x10UL);
    }

    public MemoryTrapResolution ResolveMemoryTrap(VirtualMachine vm, Trap trap)
    {
        var resolution = inner.ResolveMemoryTrap(vm, trap);
        if (resolution != MemoryTrapResolution.Retry || pageShift == 0) return resolution;
        var state = RealMachine.State;
        for (var i = 0; i < 16; i++)
        {
            var lo = state.GetRegister("TLB_Lo1", i);
            if ((lo & 2) != 0) state.SetRegister("TLB_Lo1", i, (ulong)((long)lo + (pageShift << 6)));
        }
        return resolution;
    }
}
