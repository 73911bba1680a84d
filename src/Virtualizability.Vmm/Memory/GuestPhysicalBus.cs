using Virtualizability.Execution;
using Virtualizability.Isa.Ir;

namespace Virtualizability.Vmm;

/// <summary>
/// Guest-physical memory as the virtual state sees it. The virtual state has no backing array of its own (zero
/// cells), so every access the spec's semantics make on the virtual state, including the trap-entry PSW swap and
/// the operands of an emulated LPSW, arrives here and lands in machine memory through the allocation. Addresses
/// beyond the RAM go to the VM's devices, or read 0 and drop writes, exactly as a bare machine with that much RAM.
/// </summary>
public sealed class GuestPhysicalBus : IMemoryBus
{
    private readonly IGuestRam _ram;
    private readonly IMemoryBus? _devices;
    private readonly bool _big;
    private readonly int _cellWidth;
    private readonly ulong _addressMask;

    public GuestPhysicalBus(IGuestRam ram, IMemoryBus? devices)
    {
        _ram = ram;
        _devices = devices;
        _big = ram.Memory.Endianness == Endianness.Big;
        _cellWidth = ram.Memory.CellWidth;
        _addressMask = IrType.Bits(ram.Memory.AddressWidth).Mask;
    }

    public ulong Read(int memoryIndex, ulong address, int cells)
    {
        if (memoryIndex != _ram.Memory.Index) return _devices?.Read(memoryIndex, address, cells) ?? 0;
        if (InRam(address, cells)) return _ram.Read(address, cells);
        if (address >= _ram.Size && NoWrap(address, cells)) return _devices?.Read(memoryIndex, address, cells) ?? 0;
        // The access straddles the end of RAM or wraps around the address space: cell by cell, as MemoryStorage does.
        ulong value = 0;
        for (var i = 0; i < cells; i++)
        {
            var cell = ReadCell(memoryIndex, (address + (ulong)i) & _addressMask);
            value = _big ? (value << _cellWidth) | cell : value | (cell << (_cellWidth * i));
        }
        return value;
    }

    public void Write(int memoryIndex, ulong address, int cells, ulong value)
    {
        if (memoryIndex != _ram.Memory.Index) { _devices?.Write(memoryIndex, address, cells, value); return; }
        if (InRam(address, cells)) { _ram.Write(address, cells, value); return; }
        if (address >= _ram.Size && NoWrap(address, cells)) { _devices?.Write(memoryIndex, address, cells, value); return; }
        var cellMask = IrType.Bits(_cellWidth).Mask;
        for (var i = 0; i < cells; i++)
        {
            var shift = _big ? _cellWidth * (cells - 1 - i) : _cellWidth * i;
            var target = (address + (ulong)i) & _addressMask;
            if (target < _ram.Size) _ram.Write(target, 1, (value >> shift) & cellMask);
            else _devices?.Write(memoryIndex, target, 1, (value >> shift) & cellMask);
        }
    }

    private ulong ReadCell(int memoryIndex, ulong address) =>
        address < _ram.Size ? _ram.Read(address, 1) : _devices?.Read(memoryIndex, address, 1) ?? 0;

    // Written without address + cells overflowing for addresses near the top of a 64-bit space.
    private bool InRam(ulong address, int cells) => address < _ram.Size && _ram.Size - address >= (ulong)cells && NoWrap(address, cells);

    private bool NoWrap(ulong address, int cells) => ((address + (ulong)cells - 1) & _addressMask) >= address;
}
