using Virtualizability.Execution;
using Virtualizability.Isa.Ir;
using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Vmm.PgMachine;

/// <summary>
/// The pg-machine allocator policy: each VM gets one contiguous region of machine memory, and the real R is the
/// composition of the VM's virtual R with its region (<see cref="RelocationBoundsComposition"/>); the real mode is
/// always user. This is the ISA-specific part of the VMM for pg-machine; it names the spec's L, B and MemoryViolation.
/// </summary>
public sealed class RelocationBoundsAllocator : IAllocator
{
    /// <summary>The real machine's PSW swap area (0x0000–0x0013) and the rest of page zero stay the VMM's.</summary>
    public const ulong DefaultReserved = 0x100;

    private readonly RegisterDecl _base;
    private readonly RegisterDecl _bound;
    private readonly ExceptionDecl _memoryViolation;
    private readonly MemoryStorage _machineMemory;
    private readonly MachineMemoryRegions _regions;

    public RelocationBoundsAllocator(Machine real, ulong reserved = DefaultReserved)
    {
        var model = real.Model;
        _base = Require(model.Register("L"), "register L");
        _bound = Require(model.Register("B"), "register B");
        _memoryViolation = Require(model.Exception("MemoryViolation"), "exception MemoryViolation");
        if (!model.Roles.Resources.Select(r => r.Register).ToHashSet().SetEquals([_base, _bound]))
            throw new ArgumentException($"{model.Name}: the relocation-bounds policy needs resource L, B", nameof(real));
        RealMachine = real;
        _machineMemory = real.State.Memory(model.Roles.Storage);
        _regions = new MachineMemoryRegions((ulong)_machineMemory.CellCount, reserved);
        VirtualizedRegisters = new HashSet<RegisterDecl>([_base, _bound, .. model.Roles.ModeState.Select(m => m.Register)]);
    }

    public Machine RealMachine { get; }

    public IReadOnlySet<RegisterDecl> VirtualizedRegisters { get; }

    public MachineMemoryRegions Regions => _regions;

    public IGuestRam Allocate(ulong size)
    {
        var start = _regions.Allocate(size);
        var ram = new ContiguousGuestRam(_machineMemory, start, size);
        // A fresh VM's memory is zero, as a bare machine's is; the region may have held another VM's.
        for (ulong a = 0; a < size; a++) ram.Write(a, 1, 0);
        return ram;
    }

    public void Release(IGuestRam ram) => _regions.Release(Region(ram).Base);

    public void LoadRealResources(VirtualMachine vm)
    {
        var region = Region(vm.Ram);
        var (l, b) = RelocationBoundsComposition.Compose(
            vm.State.GetRegister(_base), vm.State.GetRegister(_bound), region.Base, region.Size, _machineMemory.Declaration.AddressWidth);
        var real = RealMachine.State;
        real.SetRegister(_base, l);
        real.SetRegister(_bound, b);
        RealMachine.EnterUser();
    }

    public MemoryTrapResolution ResolveMemoryTrap(VirtualMachine vm, Trap trap)
    {
        if (trap.Exception != _memoryViolation) return MemoryTrapResolution.Emulate;
        // MemoryViolation(addr) carries the virtual address; an access of n ≥ 1 cells from addr ≥ vb fails the guest's
        // own bounds check. Below vb the size decides, which only the instruction knows: let the interpreter judge.
        var w = new MachineWordArithmetic(_bound.Width);
        return RelocationBoundsComposition.ReflectsMemoryTrap(w, trap.Arguments[0], vm.State.GetRegister(_bound))
            ? MemoryTrapResolution.Reflect
            : MemoryTrapResolution.Emulate;
    }

    private static ContiguousGuestRam Region(IGuestRam ram) =>
        ram as ContiguousGuestRam ?? throw new ArgumentException("this RAM was not allocated by a relocation-bounds allocator", nameof(ram));

    private static T Require<T>(T? value, string what) where T : class =>
        value ?? throw new ArgumentException($"the relocation-bounds policy needs {what}");
}
