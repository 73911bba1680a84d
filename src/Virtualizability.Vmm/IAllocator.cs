using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm;

/// <summary>
/// Popek and Goldberg's allocator A: the only part of the control program that decides which machine resources a
/// virtual machine gets. It owns machine memory and the real resource state; the runtime never writes either
/// itself. The policy is ISA-specific (relocation-bounds composition for pg-machine, a pmap and shadow TLB for MIPS),
/// the interface is not.
/// </summary>
public interface IAllocator
{
    /// <summary>The real machine whose memory and resource state this allocator owns.</summary>
    Machine RealMachine { get; }

    /// <summary>
    /// Registers the guest never sees directly: they live only in the virtual state, and their real values are the
    /// allocator's (a MIPS policy: the registers of the mode and resource roles whole, since it computes the real Status,
    /// and the rest of CP0). The roles' registers are virtual anyway (<see cref="RegisterPartition"/>); one named only by
    /// fields and not listed here is split by bits, its other bits moving like a direct register's.
    /// </summary>
    IReadOnlySet<RegisterDecl> VirtualizedRegisters { get; }

    /// <summary>Gives a new virtual machine <paramref name="size"/> cells of guest-physical memory inside machine memory.</summary>
    IGuestRam Allocate(ulong size);

    /// <summary>Returns a virtual machine's memory to the allocator.</summary>
    void Release(IGuestRam ram);

    /// <summary>
    /// Sets the real mode and resource registers for running <paramref name="vm"/>'s code directly, from its virtual
    /// mode and resources and its allocation. Called on every switch to the VM and after every change of its virtual
    /// state by the VMM. The real mode must come out as user mode.
    /// </summary>
    void LoadRealResources(VirtualMachine vm);

    /// <summary>
    /// Decides a real memory trap: the guest's own (its virtual resources forbid the access), a consequence of the
    /// composition (emulate the instruction on the virtual state), or a mapping the allocator has now installed (retry).
    /// </summary>
    MemoryTrapResolution ResolveMemoryTrap(VirtualMachine vm, Trap trap);

    /// <summary>
    /// Decides a real trap that is not a memory trap: reflect it to the guest (the real machine raised exactly the
    /// guest's trap), or have the interpreter run the instruction on the virtual state. By default reflected in virtual
    /// user mode only, where real and virtual mode agree. An allocator may reflect more: a trap the spec raises after
    /// the instruction's writes whatever the mode (s360's fixed-point overflow stores the sum first), which the
    /// interpreter must not re-run on the written registers.
    /// </summary>
    bool ReflectsTrap(VirtualMachine vm, Trap trap) => vm.IsVirtualUser;

    /// <summary>
    /// Moves into the virtual state what the real hardware wrote into virtualized registers while the guest ran
    /// directly (on MIPS the Count/Compare match sets Cause.TI and IP7 in the real Cause: that is the guest's timer).
    /// Called at every real trap before it is routed and at the end of every slice, so that a virtual interrupt
    /// raised by directly executed code is never lost. Allocators whose real resources hardware never writes
    /// (relocation-bounds) need nothing here.
    /// </summary>
    void SaveRealResources(VirtualMachine vm) { }

    /// <summary>
    /// True when the instruction at the VM's virtual P can only be interpreted: run on the real machine it would trap
    /// at once, before changing anything, and the dispatcher would send that trap to the interpreter (on MIPS, guest
    /// kernel code in kseg0/kseg1, which real user mode cannot even fetch). The monitor then interprets such
    /// instructions one after another on the virtual state without a real trap and world switch for each, and
    /// returns to the real machine when the guest leaves them. Called only while the virtual state is current.
    /// </summary>
    bool MustInterpret(VirtualMachine vm) => false;
}
