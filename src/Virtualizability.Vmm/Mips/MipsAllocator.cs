using Virtualizability.Execution;
using Virtualizability.Isa.Ir;
using Virtualizability.Vmm.Arithmetic;

namespace Virtualizability.Vmm.Mips;

/// <summary>
/// The MIPS32 allocator, after Disco. Each VM's guest-physical RAM is one page-aligned extent of machine memory (its
/// pmap: guest page p is machine page base/4 KiB + p). The guest's CP0 and TLB live only in its virtual state; the
/// real CP0 is the allocator's: user mode, the guest's Compare (so that directly executed code ticks the guest's
/// timer), interrupts per <see cref="VirtualInterrupts"/>, the guest's UserLocal/EBase (what RDHWR reads in user
/// mode), HWREna per <see cref="MipsRegisters.RealHwrEna"/> (all enabled where CP0 is usable to the guest), and an EntryHi.ASID that stands for the guest's current ASID. The real TLB holds shadow entries:
/// guest kuseg pages, translated by the guest's TLB to guest-physical and by the pmap to machine pages.
/// <para>
/// Real memory traps: a kuseg TLB fault that the guest's TLB maps to RAM installs a shadow entry (from the software
/// TLB when known) and retries; everything else the guest allows (devices, kseg0/kseg1 from guest kernel mode,
/// unmapped kuseg with ERL) is emulated, and the guest's own faults are interpreted too, so that the spec raises
/// exactly the guest's exception (its TLB refill where the real one was a refill of a missing shadow, say).
/// Address errors in virtual user mode are the guest's own and reflected as they are.
/// </para>
/// </summary>
public sealed class MipsAllocator : IAllocator
{
    public const ulong PageSize = 0x1000;
    private const ulong KernelSegments = 0x8000_0000;

    private readonly MipsRegisters _r;
    private readonly ulong _extentAlignment;
    private readonly RegisterDecl _pc;
    private readonly MemoryStorage _machineMemory;
    private readonly MachineMemoryRegions _regions;
    private readonly ShadowTlb _shadow;
    private readonly Dictionary<VirtualMachine, SoftwareTlb> _software = new();
    private readonly ExceptionDecl[] _tlbFaults;
    private readonly HashSet<ExceptionDecl> _stores;
    private readonly HashSet<ExceptionDecl> _addressErrors;

    /// <param name="extentAlignment">Every VM's extent starts at a multiple of this power of two (at least 4 KiB), and
    /// the first one is reserved: see <see cref="ExtentAlignmentFor"/>.</param>
    public MipsAllocator(Machine real, ulong extentAlignment = PageSize)
    {
        if (extentAlignment < PageSize || (extentAlignment & (extentAlignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(extentAlignment), "a power of two of at least 4 KiB");
        _extentAlignment = extentAlignment;
        var model = real.Model;
        _r = new MipsRegisters(model);
        _pc = model.Roles.ProgramCounter;
        RealMachine = real;
        _machineMemory = real.State.Memory(model.Roles.Storage);
        if (!_machineMemory.IsByteBacked) throw new ArgumentException("the MIPS allocator needs byte-backed machine memory", nameof(real));
        // The first extent (machine page 0 at least) stays unused: a shadow entry never needs it, and a zero PFN then never
        // reaches a VM's memory. Extents are multiples of the alignment, so first fit keeps every base aligned.
        _regions = new MachineMemoryRegions((ulong)_machineMemory.CellCount, extentAlignment);
        _shadow = new ShadowTlb(_r, real.State);
        _tlbFaults = new[] { "TLBRefillLoad", "TLBRefillStore", "TLBInvalidLoad", "TLBInvalidStore", "TLBModified" }
            .Select(name => Exception(model, name)).ToArray();
        _stores = [Exception(model, "TLBRefillStore"), Exception(model, "TLBInvalidStore"), Exception(model, "TLBModified")];
        _addressErrors = [Exception(model, "AddressErrorLoad"), Exception(model, "AddressErrorStore")];
        // LLAddr is neither mode nor R (nothing but MFC0 reads it), but a directly executed LL writes a machine address
        // into it: it is the allocator's, translated back into the guest's physical address (SaveRealResources).
        VirtualizedRegisters = model.Roles.ModeState.Concat(model.Roles.Resources).Select(r => r.Register).Append(_r.LLAddr).ToHashSet();
    }

    public Machine RealMachine { get; }

    public IReadOnlySet<RegisterDecl> VirtualizedRegisters { get; }

    /// <summary>Real TLB flushes (world switches, guest TLB changes, ASID roll-overs).</summary>
    public long ShadowFlushes => _shadow.Flushes;

    /// <summary>
    /// Machine memory for <paramref name="vms"/> VMs of <paramref name="ramBytes"/> each, their extents aligned as
    /// <see cref="ExtentAlignmentFor"/> says, plus the reserved first extent.
    /// </summary>
    public static long MachineMemoryFor(int vms, long ramBytes)
    {
        var alignment = ExtentAlignmentFor(ramBytes);
        return (long)(alignment + (ulong)vms * RoundUp((ulong)ramBytes, alignment));
    }

    /// <summary>
    /// The alignment of the machine extents of VMs with <paramref name="ramBytes"/> of RAM: their size rounded up to a
    /// power of two, between 4 KiB and 1 MiB. Shadow pages can be as large as the extent's alignment (a real page needs a
    /// machine address aligned to its size), so a guest that maps its RAM with large pages needs few real TLB entries.
    /// </summary>
    public static ulong ExtentAlignmentFor(long ramBytes)
    {
        var alignment = PageSize;
        while (alignment < (ulong)ramBytes && alignment < MaxExtentAlignment) alignment *= 2;
        return alignment;
    }

    private const ulong MaxExtentAlignment = 1UL << 20;

    public IGuestRam Allocate(ulong size)
    {
        var extent = RoundUp(size, _extentAlignment);
        var start = _regions.Allocate(extent);
        // A fresh VM's memory is zero, as a bare board's is; the extent may have held another VM's.
        _machineMemory.Clear(start, extent);
        return new ContiguousGuestRam(_machineMemory, start, size);
    }

    public void Release(IGuestRam ram)
    {
        var region = ram as ContiguousGuestRam ?? throw new ArgumentException("this RAM was not allocated by the MIPS allocator", nameof(ram));
        _regions.Release(region.Base);
        foreach (var (vm, _) in _software.Where(p => ReferenceEquals(p.Key.Ram, ram)).ToList())
        {
            _software.Remove(vm);
            _shadow.Forget(vm.Id);
        }
    }

    public void LoadRealResources(VirtualMachine vm)
    {
        var guest = vm.State;
        var real = RealMachine.State;
        _shadow.Claim(vm.Id);
        var software = Software(vm);
        // An emulated TLBWI/TLBWR (or TLBP's neighbours, a reset) may have changed the guest's TLB: shadows built from
        // the old contents must go before guest code runs again.
        if (software.Revalidate(MipsRegisters.Slice(guest, _r.TlbHi), MipsRegisters.Slice(guest, _r.TlbMask),
                MipsRegisters.Slice(guest, _r.TlbLo0), MipsRegisters.Slice(guest, _r.TlbLo1)))
            _shadow.Flush();
        VirtualInterrupts.Load(_r, guest, real);
        real.SetRegister(_r.EntryHi, UsesShadows(guest) ? _shadow.RealAsid(vm.Id, GuestAsid(guest)) : ShadowTlb.EmptyAsid);
        real.SetRegister(_r.HWREna, MipsRegisters.RealHwrEna(MachineBitArithmetic.Word32, guest.GetRegister(_r.Status), guest.GetRegister(_r.HWREna)));
        real.SetRegister(_r.UserLocal, guest.GetRegister(_r.UserLocal));
        real.SetRegister(_r.EBase, guest.GetRegister(_r.EBase));
        real.SetRegister(_r.LLAddr, NoRealLoadLinked);
    }

    /// <summary>
    /// Guest kernel code at kseg0/kseg1 (or kseg2/kseg3) addresses: real user mode cannot even fetch it (an address
    /// error before anything changes, or first an interrupt the real prologue takes), and in virtual kernel mode the
    /// dispatcher sends either trap to the interpreter.
    /// </summary>
    public bool MustInterpret(VirtualMachine vm) => vm.State.GetRegister(_pc) >= KernelSegments && vm.IsVirtualSupervisor;

    public void SaveRealResources(VirtualMachine vm)
    {
        var real = RealMachine.State;
        VirtualInterrupts.Save(_r, vm.State, real);
        // A real LL ran since the last load: it recorded machine address >> 4 of the VM's RAM; the guest's LL would have
        // recorded the guest-physical one (the extent is page-aligned, so the shift commutes with the offset).
        var recorded = real.GetRegister(_r.LLAddr);
        if (recorded == NoRealLoadLinked) return;
        vm.State.SetRegister(_r.LLAddr, recorded - (vm.Ram.MachineAddress(0) >> 4));
        real.SetRegister(_r.LLAddr, NoRealLoadLinked);
    }

    // No real LL can record machine page 0: no shadow entry maps it.
    private const ulong NoRealLoadLinked = 0;

    public MemoryTrapResolution ResolveMemoryTrap(VirtualMachine vm, Trap trap)
    {
        var guest = vm.State;
        if (_addressErrors.Contains(trap.Exception))
            // In virtual user mode the real and the virtual segment and alignment checks agree.
            return vm.IsVirtualSupervisor ? MemoryTrapResolution.Emulate : MemoryTrapResolution.Reflect;
        if (Array.IndexOf(_tlbFaults, trap.Exception) < 0) return MemoryTrapResolution.Emulate;
        var va = trap.Arguments[0];
        if (va >= KernelSegments || !UsesShadows(guest)) return MemoryTrapResolution.Emulate;
        var store = _stores.Contains(trap.Exception);
        var asid = GuestAsid(guest);
        var software = Software(vm);
        if (!software.TryGet(asid, va, out var shadow))
        {
            if (VirtualTlb.Translate(_r, guest, va, store, out _, out _, out var entry) != GuestTranslation.Mapped)
                return MemoryTrapResolution.Emulate;
            shadow = ShadowEntry.For(_r, guest, vm, ExtentAlignment(vm), va, entry);
            software.Add(asid, va, shadow);
        }
        var lo = shadow.Half(va);
        // Beyond RAM (a device), or a store to a page the guest keeps clean (the guest's TLB modified exception).
        if ((lo & ShadowEntry.Valid) == 0 || (store && (lo & ShadowEntry.Dirty) == 0)) return MemoryTrapResolution.Emulate;
        _shadow.Install(_shadow.RealAsid(vm.Id, asid), va, shadow);
        return MemoryTrapResolution.Retry;
    }

    // With ERL set the guest's kuseg is unmapped (PA = VA): no shadow may answer for it.
    private bool UsesShadows(MachineState guest) => (guest.GetRegister(_r.Status) & MipsRegisters.StatusERL) == 0;

    private ulong GuestAsid(MachineState guest) => guest.GetRegister(_r.EntryHi) & MipsRegisters.AsidMask;

    private SoftwareTlb Software(VirtualMachine vm)
    {
        if (!_software.TryGetValue(vm, out var software))
            _software[vm] = software = new SoftwareTlb(4 * MipsRegisters.TlbEntries);
        return software;
    }

    private static ulong RoundUp(ulong size, ulong alignment) => (size + alignment - 1) & ~(alignment - 1);

    // The alignment of this VM's machine extent: the largest power of two dividing its base, at most the allocator's.
    private ulong ExtentAlignment(VirtualMachine vm)
    {
        var machineBase = vm.Ram.MachineAddress(0);
        return Math.Min(machineBase & (~machineBase + 1), _extentAlignment);
    }

    private static ExceptionDecl Exception(IsaModel model, string name) =>
        model.Exception(name) ?? throw new ArgumentException($"{model.Name} declares no exception {name}: the MIPS allocator needs a MIPS32 spec");
}
