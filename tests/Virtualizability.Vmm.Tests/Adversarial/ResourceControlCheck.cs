using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm.Tests.Adversarial;

/// <summary>
/// Popek and Goldberg's resource control, checked from outside the VMM: an allocator wrapper that, whenever guest code is
/// about to run (after every <see cref="LoadRealResources"/>: every slice start and every dispatch) and whenever it has
/// just stopped (every <see cref="SaveRealResources"/>: every real trap before it is routed, and every slice end),
/// records a violation when the real machine is not in user mode or when a valid real TLB entry maps any machine byte
/// outside the running VM's RAM. With a time slice of one instruction that is before and after every guest instruction.
/// </summary>
public sealed class ResourceControlCheck : IAllocator
{
    private readonly IAllocator _inner;
    private readonly RegisterDecl _hi, _mask, _lo0, _lo1;
    private readonly List<string> _violations = [];

    private readonly long _maxChecks;

    /// <param name="maxChecks">More checks than this means the VMM traps without the guest making progress (a retry
    /// livelock): the check then throws, which ends the VM with that error instead of hanging the test.</param>
    public ResourceControlCheck(IAllocator inner, long maxChecks = long.MaxValue)
    {
        _inner = inner;
        _maxChecks = maxChecks;
        var model = inner.RealMachine.Model;
        _hi = model.Register("TLB_Hi")!;
        _mask = model.Register("TLB_Mask")!;
        _lo0 = model.Register("TLB_Lo0")!;
        _lo1 = model.Register("TLB_Lo1")!;
    }

    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Times the real state was checked.</summary>
    public long Checks { get; private set; }

    public Machine RealMachine => _inner.RealMachine;

    public IReadOnlySet<RegisterDecl> VirtualizedRegisters => _inner.VirtualizedRegisters;

    public IGuestRam Allocate(ulong size) => _inner.Allocate(size);

    public void Release(IGuestRam ram) => _inner.Release(ram);

    public MemoryTrapResolution ResolveMemoryTrap(VirtualMachine vm, Trap trap) => _inner.ResolveMemoryTrap(vm, trap);

    public void LoadRealResources(VirtualMachine vm)
    {
        _inner.LoadRealResources(vm);
        Check(vm, "resuming guest code");
    }

    public void SaveRealResources(VirtualMachine vm)
    {
        Check(vm, "guest code stopped");
        _inner.SaveRealResources(vm);
    }

    private void Check(VirtualMachine vm, string when)
    {
        if (++Checks > _maxChecks) throw new InvalidOperationException($"{vm.Name}: {Checks} real traps and slices without finishing the run (a livelock?)");
        if (_violations.Count >= 20) return;
        var real = RealMachine;
        if (real.IsSupervisor) _violations.Add($"{when} in {vm.Name}: the real machine is in supervisor mode (Status 0x{real.State.GetRegister("Status"):X8})");
        var start = vm.Ram.MachineAddress(0);
        var end = start + vm.Ram.Size;
        for (var i = 0; i < _hi.Count; i++)
        {
            // A pair spans (PageMask | 0x1FFF) + 1 bytes; each half maps half of it from its PFN (bits under the mask ignored).
            var half = ((real.State.GetRegister(_mask, i) | 0x1FFF) + 1) / 2;
            foreach (var lo in new[] { real.State.GetRegister(_lo0, i), real.State.GetRegister(_lo1, i) })
            {
                if ((lo & 2) == 0) continue;
                var page = (((lo >> 6) & 0xF_FFFF) << 12) & ~(half - 1);
                if (page < start || page + half > end)
                    _violations.Add($"{when} in {vm.Name}: real TLB entry {i} (EntryHi 0x{real.State.GetRegister(_hi, i):X8}, EntryLo 0x{lo:X8}) maps machine 0x{page:X}..0x{page + half:X}, outside its RAM 0x{start:X}..0x{end:X}");
            }
        }
    }
}
