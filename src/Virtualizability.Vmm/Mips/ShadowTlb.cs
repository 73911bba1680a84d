using Virtualizability.Execution;

namespace Virtualizability.Vmm.Mips;

/// <summary>
/// The real TLB as the allocator uses it: shadow entries only, each one page pair (as large as the guest's pages allow, see
/// <see cref="ShadowEntry.For"/>), non-global,
/// tagged with a real ASID that stands for one (VM, guest ASID) pair, pointing at machine pages. Guests never see
/// these entries: the real TLB is a resource the allocator owns. Entries it does not use hold distinct kseg0 VPN2s,
/// which are never looked up (kseg0 is unmapped), so no real access can match them and no two entries collide.
/// </summary>
internal sealed class ShadowTlb
{
    /// <summary>Real ASID 0 has no shadow entries: with it loaded every kuseg access faults to the allocator.</summary>
    public const ulong EmptyAsid = 0;

    private const ulong MaxAsid = MipsRegisters.AsidMask;
    private readonly MipsRegisters _registers;
    private readonly MachineState _real;
    private readonly Dictionary<(int Vm, ulong GuestAsid), ulong> _asids = new();
    private int _next;

    public ShadowTlb(MipsRegisters registers, MachineState real)
    {
        _registers = registers;
        _real = real;
        Flush();
    }

    /// <summary>The VM whose entries the real TLB holds now (-1: none).</summary>
    public int Owner { get; private set; } = -1;

    public long Flushes { get; private set; }

    /// <summary>Makes the real TLB <paramref name="vm"/>'s: another VM's entries are dropped on a switch.</summary>
    public void Claim(int vm)
    {
        if (Owner == vm) return;
        Flush();
        Owner = vm;
    }

    /// <summary>The real ASID for a guest ASID of a VM; when all 255 are in use the map and the real TLB start over.</summary>
    public ulong RealAsid(int vm, ulong guestAsid)
    {
        if (_asids.TryGetValue((vm, guestAsid), out var asid)) return asid;
        if ((ulong)_asids.Count == MaxAsid)
        {
            _asids.Clear();
            Flush();
            Owner = vm;
        }
        asid = (ulong)_asids.Count + 1;
        _asids[(vm, guestAsid)] = asid;
        return asid;
    }

    /// <summary>Forgets a VM's ASIDs (the VM is destroyed); their entries go with the next flush.</summary>
    public void Forget(int vm)
    {
        foreach (var key in _asids.Keys.Where(k => k.Vm == vm).ToList()) _asids.Remove(key);
        if (Owner == vm) { Flush(); Owner = -1; }
    }

    /// <summary>Installs <paramref name="shadow"/>, the pair around <paramref name="va"/>, under <paramref name="realAsid"/> (over its old copy, if any).</summary>
    public void Install(ulong realAsid, ulong va, ShadowEntry shadow)
    {
        var registers = _real.Registers;
        var hi = shadow.Base(va) | realAsid;
        var slot = -1;
        for (var i = 0; i < MipsRegisters.TlbEntries && slot < 0; i++)
            if (registers[_registers.TlbHi.Slot + i] == hi) slot = i;
        if (slot < 0)
        {
            slot = _next;
            _next = (_next + 1) % MipsRegisters.TlbEntries;
        }
        registers[_registers.TlbHi.Slot + slot] = hi;
        registers[_registers.TlbMask.Slot + slot] = shadow.Mask;
        registers[_registers.TlbLo0.Slot + slot] = shadow.Lo0;
        registers[_registers.TlbLo1.Slot + slot] = shadow.Lo1;
    }

    public void Flush()
    {
        var registers = _real.Registers;
        for (var i = 0; i < MipsRegisters.TlbEntries; i++)
        {
            registers[_registers.TlbHi.Slot + i] = 0x8000_0000UL + (ulong)i * 0x2000;
            registers[_registers.TlbMask.Slot + i] = 0;
            registers[_registers.TlbLo0.Slot + i] = 0;
            registers[_registers.TlbLo1.Slot + i] = 0;
        }
        _next = 0;
        Flushes++;
    }
}
