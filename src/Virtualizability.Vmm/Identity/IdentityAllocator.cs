using Virtualizability.Execution;
using Virtualizability.Isa.Ir;
using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Vmm.Identity;

/// <summary>
/// The allocator for machines without relocation hardware (the spec's VM map is the identity on storage: `move E by
/// 0`; s360, riscv). One VM owns machine memory at the same addresses, and the devices beyond it. The real resources
/// are R_real = R_alloc ∘ R_virtual: the spec's own `vmmap` block, run by the executable model on a copy of the virtual
/// registers with the allocator's offset (s360: non-zero storage keys renamed by a rotation; riscv: satp.PPN moved),
/// then the ISA's <see cref="IResourceComposition"/> where the real user mode would judge a resource differently
/// (riscv PMP), then the spec's `enter user` block. Every real memory trap is interpreted: the interpreter re-raises it
/// on the virtual state when it is the guest's own; other traps are reflected in virtual user mode and for
/// <see cref="ModeIndependentTraps"/>, else interpreted.
/// </summary>
public sealed class IdentityAllocator : IAllocator
{
    private readonly MemoryStorage _machineMemory;
    private readonly Machine _scratch;
    private readonly RegisterDecl[] _mapped;
    private readonly IResourceComposition? _composition;
    private readonly ulong _offset;
    private readonly IReadOnlySet<ExceptionDecl> _modeIndependent;
    private IGuestRam? _owner;

    /// <param name="real">The real machine; its storage is the VM's RAM, its bus the VM's devices.</param>
    /// <param name="offset">The VM map's parameter the allocator chooses (s360: the key rotation; riscv: the PPN offset).</param>
    /// <param name="composition">The ISA's composition; by default <see cref="ResourceCompositions.For"/>.</param>
    public IdentityAllocator(Machine real, ulong offset, IResourceComposition? composition = null)
    {
        var model = real.Model;
        if (!Accepts(model))
            throw new ArgumentException($"{model.Name}: the identity policy needs a `vmmap` that leaves storage in place (`move {model.Roles.Storage.Name} by 0`)", nameof(real));
        RealMachine = real;
        _machineMemory = real.State.Memory(model.Roles.Storage);
        _offset = offset;
        _composition = composition ?? ResourceCompositions.For(model);
        _modeIndependent = ModeIndependentTraps.For(model);
        // The VM map runs on a copy of the virtual registers: a machine with no storage cells (its `move ... by 0` is a no-op).
        _scratch = new Machine(real.Isa, new MachineOptions { MemoryCells = model.Memories.ToDictionary(m => m.Name, _ => 0L) });
        // Nothing beyond the roles: a register the roles name by fields (AArch64 PSTATE.EL) keeps its other bits direct.
        VirtualizedRegisters = new HashSet<RegisterDecl>();
        _mapped = [.. model.Roles.ModeState.Concat(model.Roles.Resources).Select(r => r.Register).Distinct()];
    }

    /// <summary>
    /// True for a spec whose VM map is the identity on storage: a `vmmap` whose move distance is the constant 0 and
    /// that is not the relocation-bounds machine (its L, B relocate), or no `vmmap` at all (no relocation hardware, as the
    /// MC68000: the VM map is the identity).
    /// </summary>
    public static bool Accepts(IsaModel model) =>
        model.VmMap is not { } map || (ReferenceEquals(map.MovedStorage, model.Roles.Storage) && map.MoveBy is ConstExpr { Value: 0 });

    /// <summary>
    /// The offset `pgcheck run --vmm` chooses: not the identity (s360: keys 1..15 rotate by 7 places, so a guest's ISK
    /// and the real keys differ; riscv: satp.PPN + 7), so that the VM map is exercised, not just declared.
    /// </summary>
    public const ulong DefaultOffset = 7;

    public Machine RealMachine { get; }

    public IReadOnlySet<RegisterDecl> VirtualizedRegisters { get; }

    public IGuestRam Allocate(ulong size)
    {
        if (_owner is not null) throw new InvalidOperationException("the identity policy runs one VM: it owns all of machine memory");
        // A fresh VM's memory is zero, as a bare machine's is.
        _machineMemory.Clear(0, size);
        return _owner = new ContiguousGuestRam(_machineMemory, 0, size);
    }

    public void Release(IGuestRam ram)
    {
        if (!ReferenceEquals(ram, _owner)) throw new ArgumentException("this RAM was not allocated by this allocator", nameof(ram));
        _owner = null;
    }

    public void LoadRealResources(VirtualMachine vm)
    {
        var real = RealMachine.State;
        var scratch = _scratch.State;
        Array.Copy(vm.State.Registers, scratch.Registers, scratch.Registers.Length);
        _scratch.Relocate(_offset);
        foreach (var register in _mapped)
            Array.Copy(scratch.Registers, register.Slot, real.Registers, register.Slot, register.Count);
        if (_composition is not null)
            foreach (var (register, index, value) in _composition.Compose(MachineBitVectorArithmetic.Instance, (r, i) => vm.State.GetRegister(r, i)))
                real.SetRegister(register, index, value);
        RealMachine.EnterUser();
    }

    /// <summary>
    /// Always interpreted: the real resources allow no access the guest's forbid, and where they forbid more (riscv PMP
    /// in virtual M-mode) only the interpreter knows; the spec's step on the virtual state raises the guest's own trap.
    /// </summary>
    public MemoryTrapResolution ResolveMemoryTrap(VirtualMachine vm, Trap trap) => MemoryTrapResolution.Emulate;

    /// <summary>Reflected in virtual user mode, and a <see cref="ModeIndependentTraps"/> exception in any mode.</summary>
    public bool ReflectsTrap(VirtualMachine vm, Trap trap) => vm.IsVirtualUser || _modeIndependent.Contains(trap.Exception);
}
