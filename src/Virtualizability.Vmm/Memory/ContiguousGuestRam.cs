using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm;

/// <summary>Guest-physical RAM as one contiguous region [Base, Base + Size) of machine memory: guest cell g is machine cell Base + g.</summary>
public sealed class ContiguousGuestRam : IGuestRam
{
    private readonly MemoryStorage _machine;

    public ContiguousGuestRam(MemoryStorage machine, ulong @base, ulong size)
    {
        if (@base > (ulong)machine.CellCount || size > (ulong)machine.CellCount - @base)
            throw new ArgumentOutOfRangeException(nameof(size), $"region 0x{@base:X}+0x{size:X} lies outside machine memory of 0x{machine.CellCount:X} cells");
        _machine = machine;
        Base = @base;
        Size = size;
    }

    public ulong Base { get; }

    public ulong Size { get; }

    public MemoryDecl Memory => _machine.Declaration;

    public ulong Read(ulong address, int cells) => _machine.Read(Base + address, cells);

    public void Write(ulong address, int cells, ulong value) => _machine.Write(Base + address, cells, value);

    public ulong MachineAddress(ulong address) => Base + address;
}
